"""The API's rows of the authorisation table: every operation of /api/v1/openapi.json, keyed as
``"METHOD /api/v1/path/{param}"`` (exactly as the schema writes it), with the permission action it
needs and a request that succeeds for someone the table allows.

An operation the schema declares that is missing here fails ``test_authorisation_matrix`` (and the
canary crawl). To register one, add a row: ``ApiRoute(action, path, body)`` where ``path`` and the
body's string values name ids in braces (see ``ids``); ``setup`` makes anything else the request needs
(it runs inside a transaction that is rolled back after each request). A sentence instead of an
ApiRoute says how the operation is guarded and where that is tested.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpie.assessments import services as rounds
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.tests.api_operations import world_ids
from openpie.assessments.tests.factories import make_round
from openpie.organisations.tests.factories import make_tree
from openpie.sharing.tests.conftest import make_county
from openpie.sharing.tests.factories import make_grant

API = "/api/v1"


@dataclass(frozen=True)
class ApiRoute:
    # The permission table's action on the service unit (or the organisation, ``where="root"``);
    # None: anyone signed in may use it (it reaches only their own data or public data).
    action: str | None
    path: str  # with {ids}
    body: dict[str, Any] | None = None
    where: str = "service"
    shared: str | None = None  # as Route.shared: a sharing grant of this scope makes it reachable
    setup: Callable[[Any, Any], dict[str, Any]] | None = None  # (world, user) → more ids
    needs: tuple[str, ...] = ()  # as Route.needs
    reach: str | None = None  # as Route.reach

    def request(self, world: Any, user: Any) -> tuple[str, Any]:
        found = ids(world)
        if self.setup is not None:
            found |= self.setup(world, user)
        path = API + self.path.format(**found)
        if self.body is None:
            return path, None
        return path, {k: _fill(v, found) for k, v in self.body.items()}


def _fill(value: Any, found: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return found[value[1:-1]]
    return value


def ids(world: Any) -> dict[str, Any]:
    """The ids of the ``world`` fixture's organisation (Riverside) and its round in the service."""
    return {
        **world_ids(world),
        "organisation": world.tree.organisation.pk,
        "barrier": world.round.barrier.pk,
        "kind": world.round.barrier.barrier_kind_id,
    }


def _closed_round(world: Any, user: Any) -> dict[str, Any]:
    closed = make_round(world.tree.service, world.framework, by=world.people.staff)
    for change in (rounds.round_open, rounds.round_submit, rounds.round_close):
        change(round_=closed)
    return {"closed": closed.pk}


def _invited(world: Any, user: Any) -> dict[str, Any]:
    Round.objects.filter(pk=world.round.round.pk).update(invites_individuals=True)
    return {}


def _service_user(world: Any, user: Any) -> dict[str, Any]:
    theirs = Contribution.objects.create(round=world.round.round, kind=Contribution.Kind.SERVICE_USER)
    Placement.objects.bulk_create(
        Placement(contribution=theirs, thread=t, position=5) for t in world.round.round.threads.all()
    )
    return {"contribution": theirs.pk}


def _grant_to_decide(state: str) -> Callable[[Any, Any], dict[str, Any]]:
    """A grant of Riverside's data to a commissioning body that asked for it (or was given it)."""

    def setup(world: Any, user: Any) -> dict[str, Any]:
        county = make_county("Table County", "table-county")
        grant = make_grant(unit=world.tree.root, grantee=county.organisation, state=state, by=county.commissioner)
        return {"grant": grant.pk}

    return setup


def _grant_received(world: Any, user: Any) -> dict[str, Any]:
    """A grant Riverside received (from a provider that is no one's in the table)."""
    county = make_county("Giving County", "giving-county")
    grant = make_grant(unit=county.root, grantee=world.tree.organisation, state="accepted")
    return {"grant": grant.pk}


def _export(world: Any, user: Any) -> dict[str, Any]:
    from openpie.exports.services import export_request

    job = export_request(by=user, kind="round", fmt="csv", target=world.round.round.pk)
    return {"export": job.pk}


ROUND = "round.record"

API_ROUTES: dict[str, ApiRoute | str] = {
    "GET /api/v1/me": ApiRoute(None, "/me"),
    "GET /api/v1/frameworks": ApiRoute(None, "/frameworks"),
    "GET /api/v1/frameworks/{framework_id}": ApiRoute(None, "/frameworks/{framework}"),  # the published default
    "GET /api/v1/organisations": ApiRoute(None, "/organisations"),
    "GET /api/v1/organisations/{organisation_id}": ApiRoute("organisation.view", "/organisations/{organisation}"),
    "PATCH /api/v1/organisations/{organisation_id}": ApiRoute(
        "organisation.change", "/organisations/{organisation}", {"name": "Riverside Trust"}, where="root"
    ),
    "GET /api/v1/organisations/{organisation_id}/units": ApiRoute(
        "organisation.view", "/organisations/{organisation}/units"
    ),
    "GET /api/v1/units/{unit_id}": ApiRoute("unit.view", "/units/{unit}"),
    "PATCH /api/v1/units/{unit_id}": ApiRoute("unit.change", "/units/{unit}", {"name": "Late team"}),
    "POST /api/v1/units": ApiRoute("unit.add", "/units", {"parent_id": "{unit}", "name": "Day team", "kind": "team"}),
    "GET /api/v1/units/{unit_id}/rounds": ApiRoute("round.view", "/units/{unit}/rounds"),
    "POST /api/v1/units/{unit_id}/rounds": ApiRoute(
        "round.start", "/units/{unit}/rounds", {"form": "short", "framework_id": "{framework}", "held_on": "2025-03-31"}
    ),
    "GET /api/v1/rounds/{round_id}": ApiRoute("round.view", "/rounds/{round}"),
    "POST /api/v1/rounds/{round_id}/transitions": ApiRoute(
        "round.start", "/rounds/{round}/transitions", {"to": "in_review"}
    ),
    "POST /api/v1/rounds/{round_id}/next": ApiRoute(
        "round.start", "/rounds/{closed}/next", {"held_on": "2025-09-30"}, setup=_closed_round
    ),
    "PUT /api/v1/placements/{placement_id}": ApiRoute(
        ROUND, "/placements/{placement}", {"position": 9, "target": 14, "version": "{placement_version}"}
    ),
    "GET /api/v1/rounds/{round_id}/evidence": ApiRoute("round.view", "/rounds/{round}/evidence"),
    "POST /api/v1/threads/{thread_id}/evidence": ApiRoute(ROUND, "/threads/{thread}/evidence", {"text": "Chairs"}),
    "GET /api/v1/rounds/{round_id}/review-criteria": ApiRoute("round.view", "/rounds/{round}/review-criteria"),
    "PUT /api/v1/threads/{thread_id}/review-criteria": ApiRoute(
        ROUND, "/threads/{thread}/review-criteria", {"ratings": [{"position": 0, "rating": "green"}]}
    ),
    "PATCH /api/v1/evidence/{evidence_id}": ApiRoute(
        ROUND, "/evidence/{evidence}", {"text": "Keyworkers", "version": "{evidence_version}"}
    ),
    "DELETE /api/v1/evidence/{evidence_id}": ApiRoute(ROUND, "/evidence/{evidence}"),
    "GET /api/v1/rounds/{round_id}/factors": ApiRoute("round.view", "/rounds/{round}/factors"),
    "POST /api/v1/threads/{thread_id}/factors": ApiRoute(
        ROUND, "/threads/{thread}/factors", {"effect": "helps", "control": "within", "text": "Supervision"}
    ),
    "PATCH /api/v1/factors/{factor_id}": ApiRoute(
        ROUND, "/factors/{factor}", {"text": "Fortnightly", "version": "{factor_version}"}
    ),
    "DELETE /api/v1/factors/{factor_id}": ApiRoute(ROUND, "/factors/{factor}"),
    "GET /api/v1/rounds/{round_id}/actions": ApiRoute("round.view", "/rounds/{round}/actions"),
    "POST /api/v1/rounds/{round_id}/actions": ApiRoute(
        ROUND, "/rounds/{round}/actions", {"what": "Book reflective practice", "owner_id": "{staff}"}
    ),
    "GET /api/v1/me/actions": ApiRoute(None, "/me/actions"),
    "PATCH /api/v1/actions/{action_id}": ApiRoute(
        ROUND, "/actions/{action}", {"status": "in_progress", "version": "{action_version}"}
    ),
    "DELETE /api/v1/actions/{action_id}": ApiRoute(ROUND, "/actions/{action}"),
    "GET /api/v1/rounds/{round_id}/contributions": ApiRoute("round.view", "/rounds/{round}/contributions"),
    "GET /api/v1/rounds/{round_id}/contributions/mine": "round.contribute, then the person's own beads only: "
    "404 for someone who has none (assessments test_api_voices)",
    "POST /api/v1/rounds/{round_id}/contributions/mine": ApiRoute(
        "round.contribute", "/rounds/{round}/contributions/mine", setup=_invited
    ),
    "PUT /api/v1/rounds/{round_id}/contributions/mine/placements/{thread_id}": ApiRoute(
        "round.contribute",
        "/rounds/{round}/contributions/mine/placements/{thread}",
        {"position": 12, "version": 0},
        setup=_invited,
    ),
    "GET /api/v1/rounds/{round_id}/overlay": ApiRoute("round.overlay", "/rounds/{round}/overlay"),
    "POST /api/v1/rounds/{round_id}/threads/{thread_id}/consensus": ApiRoute(
        ROUND,
        "/rounds/{round}/threads/{thread}/consensus",
        {"position": 8, "version": "{placement_version}"},
        needs=("round.overlay",),  # the agreed position is set on the overlay (open round, no session)
    ),
    "POST /api/v1/contributions/{contribution_id}/void": ApiRoute(
        "contribution.void", "/contributions/{contribution}/void", {"reason": "A joke"}, setup=_service_user
    ),
    "GET /api/v1/organisations/{organisation_id}/grants": ApiRoute(
        "shared.view", "/organisations/{organisation}/grants", where="root"
    ),
    "POST /api/v1/organisations/{organisation_id}/grants": ApiRoute(
        "grant.request",
        "/organisations/{organisation}/grants",
        {"granter_id": "{granter}", "scope": "both"},
        where="root",
        setup=lambda w, u: {"granter": make_tree("Asked").organisation.pk},
    ),
    "POST /api/v1/grants/{grant_id}/accept": ApiRoute(
        "grant.decide", "/grants/{grant}/accept", {}, where="root", setup=_grant_to_decide("requested")
    ),
    "POST /api/v1/grants/{grant_id}/decline": ApiRoute(
        "grant.decide", "/grants/{grant}/decline", where="root", setup=_grant_to_decide("requested")
    ),
    "POST /api/v1/grants/{grant_id}/revoke": ApiRoute(
        "grant.decide", "/grants/{grant}/revoke", where="root", setup=_grant_to_decide("accepted")
    ),
    "POST /api/v1/grants/{grant_id}/relinquish": ApiRoute(
        "grant.request", "/grants/{grant}/relinquish", where="root", setup=_grant_received
    ),
    "GET /api/v1/barriers/register": ApiRoute(None, "/barriers/register"),
    "GET /api/v1/barriers/kinds/{kind_id}": ApiRoute(None, "/barriers/kinds/{kind}"),
    "GET /api/v1/barriers/{factor_id}/responses": ApiRoute(
        "barrier.view", "/barriers/{barrier}/responses", shared="barriers", reach="barrier.view"
    ),
    "POST /api/v1/barriers/{factor_id}/responses": ApiRoute(
        "barrier.respond",
        "/barriers/{barrier}/responses",
        {"status": "investigating", "text": "We are talking to the housing team."},
        shared="barriers",
        reach="barrier.view",  # in the person's own organisation, a barrier outside their register is not found
    ),
    "GET /api/v1/units/{unit_id}/overview": ApiRoute("overview.view", "/units/{unit}/overview", shared="overview"),
    "POST /api/v1/exports": ApiRoute(
        "export.create", "/exports", {"kind": "round", "format": "csv", "target_id": "{round}"}
    ),
    "GET /api/v1/exports": ApiRoute(None, "/exports"),
    "GET /api/v1/exports/{export_id}": "the person's own exports only, else 404 (exports test_api)",
    # The audit trail and the relationships view.
    "GET /api/v1/organisations/{organisation_id}/audit-events": ApiRoute(
        "audit.view", "/organisations/{organisation}/audit-events", where="root"
    ),
    "GET /api/v1/rounds/{round_id}/relationships": ApiRoute("round.view", "/rounds/{round}/relationships"),
    "GET /api/v1/units/{unit_id}/relationships": ApiRoute("overview.view", "/units/{unit}/relationships"),
    # Peer review: the team's side follows the table; the reviewer's side is the review itself, not a role.
    "GET /api/v1/rounds/{round_id}/peer-reviews": ApiRoute("review.view", "/rounds/{round}/peer-reviews"),
    "GET /api/v1/rounds/{round_id}/peer-review-summary": ApiRoute("review.view", "/rounds/{round}/peer-review-summary"),
    "POST /api/v1/rounds/{round_id}/peer-reviews": ApiRoute(
        "review.invite", "/rounds/{round}/peer-reviews", {"email": "peer@reviewer.example", "days": 14}
    ),
    "POST /api/v1/peer-reviews/{review_id}/revoke": "review.invite on the review's round, else 404 for "
    "another organisation (reviews test_api)",
    "PUT /api/v1/peer-reviews/{review_id}/threads/{thread_id}/response": "review.respond on the review's round "
    "(reviews test_api)",
    "GET /api/v1/reviewing": "signed in: lists only the person's own reviews (reviews test_api, test_access)",
    "GET /api/v1/reviewing/{review_id}": "the reviewer's own accepted review only, 410 once ended, else 404 "
    "(reviews test_access)",
    "PUT /api/v1/reviewing/{review_id}/threads/{thread_id}": "the reviewer's own open review only "
    "(reviews test_access)",
    "POST /api/v1/reviewing/{review_id}/finish": "the reviewer's own open review only (reviews test_access)",
    # The practice library: reading needs a membership of any organisation; what shows is the one
    # displayable record (practice selectors.example_record), tested for anonymity in practice tests.
    "GET /api/v1/practice/examples": ApiRoute(None, "/practice/examples"),
    "GET /api/v1/practice/examples/{example_id}": "published examples the person may read, their own "
    "organisation's for moderators, else 404 (practice test_api, test_anonymity)",
    "POST /api/v1/practice/examples": "practice.share at the unit the example comes from (practice test_api)",
    "PUT /api/v1/practice/examples/{example_id}": "the author's own draft only (practice test_api)",
    "POST /api/v1/practice/examples/{example_id}/submit": "the author's own draft only (practice test_api)",
    "POST /api/v1/practice/examples/{example_id}/withdraw": "the author's own example only (practice test_api)",
    "POST /api/v1/practice/examples/{example_id}/moderation": "practice.moderate at the top of the author's "
    "organisation, or a platform admin (practice test_api)",
}


def declared_operations() -> set[str]:
    """Every operation in the OpenAPI schema, as ``"METHOD /api/v1/path"``."""
    from openpie.api.api import api

    paths = api.get_openapi_schema()["paths"]
    return {f"{method.upper()} {path}" for path, item in paths.items() for method in item}
