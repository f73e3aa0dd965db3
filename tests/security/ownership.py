"""The ownership table: whose object each page and API operation that names one works on.

The authorisation matrix asks "may this role do this here?". This table adds "and on whose object?":
a bead, a contribution, a peer review, an export or a token belongs to someone, and a path that takes
its id works on the objects of one kind of owner only (docs/adr/0015-ownership.md). For each row the
suite makes one object of every owner it knows of and asks for it as every role; the path must
answer as the permission table says for the owner it is for, and 404 for every other owner (never
403, nor a 409 that shows the other person's value, nor a success).

Every page and operation is classified by the ids its path names (``id_kinds``):
- an id of a kind in ``ROLE_KINDS`` names something of the team's or the organisation's, and the
  role decides (the authorisation matrix covers it);
- an id of a kind in ``OWNED_KINDS`` names someone's own object, and the page or operation must be a
  row of ``OWNERSHIP``: an ``OwnedPath`` (tried against every owner) or a sentence saying whose
  objects it reaches and where that is tested;
- an id of a kind in neither fails the suite until it is classified.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from openpie.accounts.services import api_token_create
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.tests.factories import make_round_world
from openpie.exports.models import ExportJob
from openpie.frameworks.models import Element
from openpie.practice.models import PracticeExample
from openpie.reviews.models import PeerReview
from openpie.reviews.tests.factories import accepted

# Whose objects there are. A path works on one (or, for setting a voice aside, some) of them.
OWN = "own"  # the person asking: their own beads, their own review, their own export or token
COLLEAGUE = "colleague"  # another member of the same team
SERVICE_USER = "service user"  # a service user's answers (written only through their own session)
TEAM = "team"  # the round's agreed view
REVIEWER = "reviewer"  # another peer reviewer's review and proposals

Ids = dict[str, Any]


@dataclass(frozen=True)
class OwnedPath:
    """A page or operation that takes an owned object's id, and whose objects it is for."""

    method: str
    url: Callable[[Ids], str]  # given the ids the object maker returns: {id}, {version}, {thread}
    kind: str  # a key of MAKERS: what sort of object the id names
    owners: tuple[str, ...]  # whose objects the path is for; every other owner's → 404
    action: str | None = None  # the permission table's action on the object's unit (None: no role needed)
    body: dict[str, Any] | None = None  # "{id}"-style values are filled in from the ids
    api: bool = False
    invited: bool = False  # the round asks the team for their own beads

    def payload(self, ids: Ids) -> dict[str, Any]:
        return {k: ids[v[1:-1]] if isinstance(v, str) and v[:1] == "{" else v for k, v in (self.body or {}).items()}


# Making one object of each owner ------------------------------------------------------------------


def _voice(world: Any, owner: str, user: Any) -> Contribution:
    round_ = world.round.round
    if owner == TEAM:
        return Contribution.objects.get(round=round_, kind=Contribution.Kind.TEAM)
    kind = Contribution.Kind.SERVICE_USER if owner == SERVICE_USER else Contribution.Kind.INDIVIDUAL
    author = {OWN: user, COLLEAGUE: world.people.staff}.get(owner)
    made = Contribution.objects.create(round=round_, kind=kind, author=author)
    Placement.objects.bulk_create(Placement(contribution=made, thread=t, position=5) for t in round_.threads.all())
    return made


def _bead(world: Any, owner: str, user: Any) -> Ids:
    placement = _voice(world, owner, user).placements.get(thread=world.round.thread)
    return {"id": placement.pk, "version": placement.version}


def _contribution(world: Any, owner: str, user: Any) -> Ids:
    return {"id": _voice(world, owner, user).pk}


def _review(world: Any, owner: str, user: Any) -> Ids:
    """The person's own review (of another organisation's round: nobody reviews their own team), or
    another reviewer's review of this organisation's round."""
    if owner == OWN:
        review = accepted(world.elsewhere, user, by=None)
    else:
        review = PeerReview.objects.get(pk=world.others_review.pk)
    thread = review.round.threads.order_by("position").first()
    return {"id": review.pk, "thread": thread.pk if thread else 0}


@dataclass
class OwnersWorld:
    """The ``world`` fixture, with what the review rows need: a round of another organisation (for the
    person's own review) and another reviewer's review of this organisation's round."""

    tree: Any
    framework: Any
    people: Any
    round: Any
    elsewhere: Round
    others_review: PeerReview


def owners_world(world: Any, other_tree: Any, reviewer: Any) -> OwnersWorld:
    elsewhere = make_round_world(other_tree.service, world.framework, by=None).round
    others_review = accepted(world.round.round, reviewer, by=world.people.lead, unit=other_tree.service)
    return OwnersWorld(world.tree, world.framework, world.people, world.round, elsewhere, others_review)


def _someones(world: Any, owner: str, user: Any) -> Any:
    return user if owner == OWN else world.people.admin


def _export(world: Any, owner: str, user: Any) -> Ids:
    job = ExportJob.objects.create(
        requester=_someones(world, owner, user),
        organisation=world.tree.organisation,
        kind="round",
        format="csv",
        target_id=world.round.round.pk,
    )
    return {"id": job.pk}


def _token(world: Any, owner: str, user: Any) -> Ids:
    token, _ = api_token_create(user=_someones(world, owner, user), name="Someone's")
    return {"id": token.pk}


def _example(world: Any, owner: str, user: Any) -> Ids:
    """A draft practice example: only its author sees it (a colleague's is not found)."""
    example = PracticeExample.objects.create(
        unit=world.tree.service,
        organisation_id=world.tree.organisation.pk,
        framework_id=world.framework.pk,
        author=_someones(world, owner, user),
        title="Walk and talk keywork",
        story="We meet residents for a walk instead of in the office.",
        what_changed="More people keep their sessions.",
    )
    example.elements.set(Element.objects.filter(framework=world.framework)[:1])
    return {"id": example.pk}


# What sort of object → (whose there are, how to make one).
MAKERS: dict[str, tuple[tuple[str, ...], Callable[[Any, str, Any], Ids]]] = {
    "bead": ((OWN, COLLEAGUE, SERVICE_USER, TEAM), _bead),
    "contribution": ((OWN, COLLEAGUE, SERVICE_USER, TEAM), _contribution),
    "review": ((OWN, REVIEWER), _review),
    "export": ((OWN, COLLEAGUE), _export),
    "token": ((OWN, COLLEAGUE), _token),
    "example": ((OWN, COLLEAGUE), _example),
}


def invite_the_team(world: Any) -> None:
    Round.objects.filter(pk=world.round.round.pk).update(invites_individuals=True)


# The table ------------------------------------------------------------------------------------------

_BEAD = {"position": 9, "version": "{version}"}
_TARGET = {"target": 14}
_VOID = {"reason": "Spoiled"}

OWNERSHIP: dict[str, OwnedPath | str] = {
    # Beads: the team's on the team's paths, your own on yours; a service user's on neither.
    "assessments:placement": OwnedPath(
        "POST", lambda i: reverse("assessments:placement", args=[i["id"]]), "bead", (TEAM,), "round.record", _BEAD
    ),
    "PUT /api/v1/placements/{placement_id}": OwnedPath(
        "PUT", lambda i: f"/api/v1/placements/{i['id']}", "bead", (TEAM,), "round.record", _BEAD | _TARGET, api=True
    ),
    "assessments:own-placement": OwnedPath(
        "POST",
        lambda i: reverse("assessments:own-placement", args=[i["id"]]),
        "bead",
        (OWN,),
        "round.contribute",
        _BEAD,
        invited=True,
    ),
    "PUT /api/v1/rounds/{round_id}/contributions/mine/placements/{thread_id}": "the person's own beads only: the "
    "path names no bead, only the thread, and finds the bead in the person's own contribution (test_api_voices)",
    "GET /api/v1/rounds/{round_id}/contributions/mine": "the person's own contribution only (test_api_voices)",
    "POST /api/v1/rounds/{round_id}/contributions/mine": "the person's own contribution only (test_api_voices)",
    "assessments:overlay-thread": "the team's thread of the round, read only: the overlay's released figures "
    "(test_views_overlay)",
    "assessments:consensus": "the team's bead on the thread, found by the round's TEAM contribution "
    "(test_views_overlay)",
    "POST /api/v1/rounds/{round_id}/threads/{thread_id}/consensus": "the team's bead on the thread, found by the "
    "round's TEAM contribution (test_api_overlay)",
    # Setting a voice aside: a staff member's or a service user's, never the team's agreed view.
    "POST /api/v1/contributions/{contribution_id}/void": OwnedPath(
        "POST",
        lambda i: f"/api/v1/contributions/{i['id']}/void",
        "contribution",
        (OWN, COLLEAGUE, SERVICE_USER),
        "contribution.void",
        _VOID,
        api=True,
    ),
    "participation:void": OwnedPath(
        "POST",
        lambda i: reverse("participation:void", args=[i["id"]]),
        "contribution",
        (SERVICE_USER,),
        "contribution.void",
        _VOID,
    ),
    # The reviewer's side: the review itself, never a role.
    "reviews:reviewer-thread": OwnedPath(
        "POST",
        lambda i: reverse("reviews:reviewer-thread", args=[i["id"], i["thread"]]),
        "review",
        (OWN,),
        body={"comment": "Strong keywork", "position": 8},
    ),
    "PUT /api/v1/reviewing/{review_id}/threads/{thread_id}": OwnedPath(
        "PUT",
        lambda i: f"/api/v1/reviewing/{i['id']}/threads/{i['thread']}",
        "review",
        (OWN,),
        body={"comment": "Strong keywork", "proposed_position": 8},
        api=True,
    ),
    "reviews:reviewer-round": OwnedPath(
        "GET", lambda i: reverse("reviews:reviewer-round", args=[i["id"]]), "review", (OWN,)
    ),
    "GET /api/v1/reviewing/{review_id}": OwnedPath(
        "GET", lambda i: f"/api/v1/reviewing/{i['id']}", "review", (OWN,), api=True
    ),
    "reviews:reviewer-finish": "the reviewer's own open review only, as reviews:reviewer-thread (reviews test_access)",
    "POST /api/v1/reviewing/{review_id}/finish": "the reviewer's own open review only, as the thread save "
    "(reviews test_access)",
    # The team's side of a review: the team answers the proposals of a review of its own round; the
    # reviewer's words are never changed there (reviews services.thread_review_respond).
    "reviews:detail": "a review of the team's own round, for its members (reviews test_views_team)",
    "reviews:respond": "the team's response to a review of its own round; the reviewer's proposal stays as "
    "written (reviews test_views_team)",
    "reviews:revoke": "a review of the team's own round, review.invite (reviews test_views_team)",
    "PUT /api/v1/peer-reviews/{review_id}/threads/{thread_id}/response": "the team's response to a review of "
    "its own round; the reviewer's proposal stays as written (reviews test_api)",
    "POST /api/v1/peer-reviews/{review_id}/revoke": "a review of the team's own round, review.invite "
    "(reviews test_api)",
    # Exports and tokens: the person's own only.
    "exports:detail": OwnedPath("GET", lambda i: reverse("exports:detail", args=[i["id"]]), "export", (OWN,)),
    "exports:download": "the person's own export only, as exports:detail (exports test_views)",
    "GET /api/v1/exports/{export_id}": OwnedPath(
        "GET", lambda i: f"/api/v1/exports/{i['id']}", "export", (OWN,), api=True
    ),
    "accounts:passkey-remove": "one's own passkeys only: another's id removes nothing (accounts test_passkeys)",
    "accounts:token-revoke": OwnedPath(
        "POST", lambda i: reverse("accounts:token-revoke", args=[i["id"]]), "token", (OWN,)
    ),
    # Practice examples: the author changes their own; moderators decide on their organisation's.
    "practice:detail": "published examples, the person's own, and what they moderate, else 404 (practice test_views)",
    "practice:edit": "the author's own example: someone who may read it but is not its author 403, anyone "
    "else 404 (practice test_views)",
    "practice:submit": OwnedPath("POST", lambda i: reverse("practice:submit", args=[i["id"]]), "example", (OWN,)),
    "practice:withdraw": "the author's own example, as practice:edit (practice test_views)",
    "practice:moderate": "practice.moderate at the top of the author's organisation (practice test_moderation)",
    "GET /api/v1/practice/examples/{example_id}": "as practice:detail (practice test_api)",
    "PUT /api/v1/practice/examples/{example_id}": "the author's own example, as practice:edit (practice test_api)",
    "POST /api/v1/practice/examples/{example_id}/submit": OwnedPath(
        "POST", lambda i: f"/api/v1/practice/examples/{i['id']}/submit", "example", (OWN,), api=True
    ),
    "POST /api/v1/practice/examples/{example_id}/withdraw": "the author's own example (practice test_api)",
    "POST /api/v1/practice/examples/{example_id}/moderation": "practice.moderate (practice test_moderation)",
    # A person's data rights: the organisation admin acts on a member, by role (privacy tests).
    # Service users' answers: only through the session that is giving them (participation test_ownership).
    "participation:question": "the answers given through this link in this browser's session only "
    "(participation test_ownership)",
    "participation:check": "as participation:question (participation test_ownership)",
    "participation:proxy-question": "the entry this keyworker is making, in their own session only "
    "(participation test_ownership)",
    "participation:proxy-check": "as participation:proxy-question (participation test_ownership)",
    "privacy:person": "a member of the admin's own organisation, privacy.manage (privacy test_views)",
    "privacy:person-download": "a member of the admin's own organisation, privacy.manage (privacy test_views)",
    "privacy:erase": "a member of the admin's own organisation, privacy.manage (privacy test_views)",
}


# Which ids a path names, and what sort each is ------------------------------------------------------

# Ids of what belongs to the team or the organisation: the role decides (the authorisation matrix).
ROLE_KINDS = {
    "organisations", "organisation", "units", "unit", "rounds", "round", "threads", "thread", "evidence",
    "factors", "factor", "actions", "action", "frameworks", "framework", "local-elements", "key", "theme_key",
    "kinds", "kind", "barriers", "links", "grants", "grant", "members", "invitations", "number", "which", "fmt",
    "audit", "requests", "call", "sign-in-providers",
}  # fmt: skip
# Ids of someone's own object: the page or operation must be a row of OWNERSHIP.
OWNED_KINDS = {
    "placements", "placement", "my-placements", "contributions", "contribution", "answers", "peer-reviews",
    "review", "reviewing", "exports", "export", "job", "tokens", "practice", "example", "people", "passkeys",
}  # fmt: skip
# Secret tokens (a participation link, an invitation, a review invitation, a password reset) reach only
# what they name; so does a link's short code at /go/ (rate limited, openpie/participation/views/go.py).
# An organisation's provider at /sign-in/oidc/<provider_id>/ (or /sign-in/saml/<organization_slug>/) is a
# public name that reaches only its own sign-in.
SECRET_KINDS = {"token", "uidb64", "code", "provider", "organization_slug"}


def id_kinds(path: str) -> list[str]:
    """The sort of each id a page route (``<int:pk>``) or an API path (``{placement_id}``) names."""
    kinds = []
    for match in re.finditer(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", path):
        name = match.group(1) or match.group(2)
        if name == "pk":
            before = [part for part in path[: match.start()].split("/") if part]
            name = before[-1] if before else "pk"
        kinds.append(re.sub(r"_(id|pk)$", "", name))
    return kinds


def unclassified(paths: dict[str, str]) -> tuple[list[str], list[str]]:
    """(paths naming an owned object missing from OWNERSHIP, paths naming an id of an unknown sort)."""
    missing, unknown = [], []
    for key, path in paths.items():
        kinds = id_kinds(path)
        if any(kind in OWNED_KINDS for kind in kinds) and key not in OWNERSHIP:
            missing.append(f"{key} ({path})")
        strange = [k for k in kinds if k not in ROLE_KINDS | OWNED_KINDS | SECRET_KINDS]
        if strange:
            unknown.append(f"{key} ({path}): {', '.join(strange)}")
    return sorted(missing), sorted(unknown)
