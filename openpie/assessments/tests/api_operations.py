"""Every operation of the rounds API, with a request that succeeds for the organisation admin.

Paths and bodies name what they need in braces: ``{round}``, ``{placement}``, ``{thread}``,
``{evidence}``, ``{factor}``, ``{action}``, ``{unit}`` (the service the round belongs to),
``{closed}`` (a closed round of that service), ``{framework}``, and ``{placement_version}`` and
so on for the version an edit starts from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpie.accounts.services import api_token_create
from openpie.api.tests.conftest import API, ApiClient
from openpie.assessments import services
from openpie.assessments.tests.factories import make_round


def client_for_token(user: Any) -> ApiClient:
    """An API client sending a new token of the person (as ``api_for`` in ``openpie/api/tests``)."""
    return ApiClient(api_token_create(user=user, name="Tests")[1])


@dataclass(frozen=True)
class RoundOperation:
    method: str
    path: str
    body: dict[str, Any] | None = None
    role_action: str = "round.view"  # what the permission table must allow

    @property
    def is_write(self) -> bool:
        return self.method != "GET"

    @property
    def success(self) -> int:
        return {"POST": 201, "DELETE": 204}.get(self.method, 200) if not self.path.endswith("/transitions") else 200

    @property
    def schema_path(self) -> str:
        path = API + self.path.split("?")[0]
        for short in ("unit", "round", "placement", "thread", "evidence", "factor", "action"):
            path = path.replace(f"{{{short}}}", f"{{{short}_id}}")
        return path.replace("{closed}", "{round_id}")

    def url(self, ids: dict[str, Any]) -> str:
        return self.path.format(**ids)

    def payload(self, ids: dict[str, Any]) -> dict[str, Any] | None:
        if self.body is None:
            return None
        return {
            k: ids[v[1:-1]] if isinstance(v, str) and v.startswith("{") and v.endswith("}") else v
            for k, v in self.body.items()
        }

    def send(self, client: ApiClient, ids: dict[str, Any]) -> Any:
        return client.request(self.method, self.url(ids), self.payload(ids))

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def round_ids(world: Any) -> dict[str, Any]:
    """The ids (and versions) the operations name, from the root conftest's ``world``; adds a closed round."""
    rw = world.round
    closed = make_round(world.tree.service, world.framework, by=world.people.staff)
    for change in (services.round_open, services.round_submit, services.round_close):
        change(round_=closed)
    return {
        "unit": world.tree.service.pk,
        "framework": world.framework.pk,
        "round": rw.round.pk,
        "closed": closed.pk,
        "placement": rw.placement.pk,
        "placement_version": rw.placement.version,
        "thread": rw.thread.pk,
        "evidence": rw.evidence.pk,
        "evidence_version": rw.evidence.version,
        "factor": rw.factor.pk,
        "factor_version": rw.factor.version,
        "action": rw.action.pk,
        "action_version": rw.action.version,
        "staff": world.people.staff.pk,
    }


ROUND_OPERATIONS = [
    RoundOperation("GET", "/units/{unit}/rounds?limit=10&offset=0"),
    RoundOperation(
        "POST",
        "/units/{unit}/rounds",
        {"form": "short", "framework_id": "{framework}", "held_on": "2025-03-31"},
        "round.start",
    ),
    RoundOperation("GET", "/rounds/{round}"),
    RoundOperation("POST", "/rounds/{round}/transitions", {"to": "in_review"}, "round.start"),
    RoundOperation("POST", "/rounds/{closed}/next", {"held_on": "2025-09-30"}, "round.start"),
    RoundOperation(
        "PUT",
        "/placements/{placement}",
        {"position": 9, "target": 14, "version": "{placement_version}"},
        "round.record",
    ),
    RoundOperation("GET", "/rounds/{round}/evidence"),
    RoundOperation("POST", "/threads/{thread}/evidence", {"text": "Residents chair the house meeting"}, "round.record"),
    RoundOperation(
        "PATCH",
        "/evidence/{evidence}",
        {"text": "Keyworkers meet residents", "version": "{evidence_version}"},
        "round.record",
    ),
    RoundOperation("DELETE", "/evidence/{evidence}", None, "round.record"),
    RoundOperation("GET", "/rounds/{round}/factors"),
    RoundOperation(
        "POST",
        "/threads/{thread}/factors",
        {"effect": "helps", "control": "within", "text": "Weekly supervision"},
        "round.record",
    ),
    RoundOperation(
        "PATCH", "/factors/{factor}", {"text": "Fortnightly supervision", "version": "{factor_version}"}, "round.record"
    ),
    RoundOperation("DELETE", "/factors/{factor}", None, "round.record"),
    RoundOperation("GET", "/rounds/{round}/actions"),
    RoundOperation(
        "POST",
        "/rounds/{round}/actions",
        {"what": "Book reflective practice", "owner_id": "{staff}", "due_on": "2025-06-30"},
        "round.record",
    ),
    RoundOperation(
        "PATCH", "/actions/{action}", {"status": "in_progress", "version": "{action_version}"}, "round.record"
    ),
    RoundOperation("DELETE", "/actions/{action}", None, "round.record"),
    RoundOperation("GET", "/me/actions"),
]
