"""Every operation of the rounds API, with a request that succeeds for the organisation admin.

Paths and bodies name what they need in braces: ``{round}``, ``{placement}``, ``{thread}``,
``{evidence}``, ``{factor}``, ``{action}``, ``{unit}`` (the service the round belongs to),
``{closed}`` (a closed round of that service), ``{framework}``, and ``{placement_version}`` and
so on for the version an edit starts from.

The many-voices operations (``VOICE_OPERATIONS``) are listed apart, each with what every persona
gets from it: they are tagged "Many voices", and who may use them depends on more than one
action (the overlay, for one, is shown to some people only at some times).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from openpie.accounts.services import api_token_create
from openpie.api.tests.conftest import API, ApiClient
from openpie.assessments import services
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.services.contributions import contribution_for_member
from openpie.assessments.tests.factories import make_round
from openpie.frameworks.models import BarrierKind
from openpie.participation.models import Participation


def client_for_token(user: Any) -> ApiClient:
    """An API client sending a new token of the person (as ``api_for`` in ``openpie/api/tests``)."""
    return ApiClient(api_token_create(user=user, name="Tests")[1])


@dataclass(frozen=True)
class RoundOperation:
    method: str
    path: str
    body: dict[str, Any] | None = None
    role_action: str = "round.view"  # what the permission table must allow
    status: int | None = None  # when success is not what the method usually answers with

    @property
    def is_write(self) -> bool:
        return self.method != "GET"

    @property
    def success(self) -> int:
        if self.status is not None:
            return self.status
        return {"POST": 201, "DELETE": 204}.get(self.method, 200) if not self.path.endswith("/transitions") else 200

    @property
    def schema_path(self) -> str:
        path = API + self.path.split("?")[0]
        for short in ("unit", "round", "placement", "thread", "evidence", "factor", "action", "contribution"):
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


def world_ids(world: Any) -> dict[str, Any]:
    """The ids (and versions) of the root conftest's ``world``: its service, framework and round with one of
    everything (the security suites name these too)."""
    rw = world.round
    return {
        "unit": world.tree.service.pk,
        "framework": world.framework.pk,
        "round": rw.round.pk,
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


def round_ids(world: Any) -> dict[str, Any]:
    """The ids (and versions) the operations name, from the root conftest's ``world``; adds a closed round."""
    closed = make_round(world.tree.service, world.framework, by=world.people.staff)
    for change in (services.round_open, services.round_submit, services.round_close):
        change(round_=closed)
    return {**world_ids(world), "closed": closed.pk}


ROUND_OPERATIONS = [
    RoundOperation("GET", "/units/{unit}/rounds?limit=10&offset=0"),
    RoundOperation(
        "POST",
        "/units/{unit}/rounds",
        {"form": "short", "framework_id": "{framework}", "held_on": "2025-03-31"},
        "round.start",
    ),
    RoundOperation("GET", "/rounds/{round}"),
    RoundOperation("GET", "/rounds/{round}/review-criteria"),
    RoundOperation(
        "PUT", "/threads/{thread}/review-criteria", {"ratings": [{"position": 0, "rating": "green"}]}, "round.record"
    ),
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


# Many voices ------------------------------------------------------------------------------------

PERSONAS = ("admin", "lead", "manager", "staff", "reader")


@dataclass(frozen=True)
class VoiceOperation(RoundOperation):
    """A many-voices operation, with the status each persona gets on an open round (``voice_ids``)."""

    expected: tuple[tuple[str, int], ...] = ()

    def status_for(self, persona: str) -> int:
        return dict(self.expected)[persona]


def _expect(**statuses: int) -> tuple[tuple[str, int], ...]:
    assert set(statuses) == set(PERSONAS)
    return tuple(statuses.items())


def voice_ids(world: Any) -> dict[str, Any]:
    """The round of ``world`` asking for individual beads, with the admin's and the staff member's own
    (unplaced) beads, and a service user's submitted contribution to set aside."""
    rw = world.round
    people = world.people
    Round.objects.filter(pk=rw.round.pk).update(invites_individuals=True)  # as round_invite_individuals does
    rw.round.invites_individuals = True
    for person in (people.admin, people.staff):
        contribution_for_member(round_=rw.round, user=person)
    theirs = Contribution.objects.create(round=rw.round, kind=Contribution.Kind.SERVICE_USER)
    Placement.objects.bulk_create(Placement(contribution=theirs, thread=t, position=5) for t in rw.round.threads.all())
    return {
        "round": rw.round.pk,
        "thread": rw.thread.pk,
        "team_version": rw.placement.version,
        "contribution": theirs.pk,
    }


@dataclass(frozen=True)
class Voice:
    """One person's beads for ``add_voices``: a staff member (``individual``) or a service user, who took
    part through a link or by proxy. ``positions`` maps thread ids to positions (``None``: skipped)."""

    kind: str
    positions: Mapping[int, int | None] = field(default_factory=dict)
    via: str = Participation.Via.LINK
    shares_comments: bool = False
    comment: str = ""
    state: str = Contribution.State.SUBMITTED


def add_voices(round_: Any, voices: Sequence[Voice]) -> list[Contribution]:
    """Many contributions at once (three queries however many): staff members without an account, and
    service users with how they took part and whether they share their comments."""
    now = timezone.now()
    made = Contribution.objects.bulk_create(
        Contribution(round=round_, kind=v.kind, state=v.state, submitted_at=now) for v in voices
    )
    Placement.objects.bulk_create(
        Placement(contribution=c, thread_id=thread_id, position=position, comment=v.comment)
        for c, v in zip(made, voices, strict=True)
        for thread_id, position in v.positions.items()
    )
    Participation.objects.bulk_create(
        Participation(contribution=c, via=v.via, shares_comments=v.shares_comments, start_key=secrets.token_hex(12))
        for c, v in zip(made, voices, strict=True)
        if v.kind == Contribution.Kind.SERVICE_USER
    )
    return made


VOICE_OPERATIONS = [
    VoiceOperation(
        "GET",
        "/rounds/{round}/contributions",
        expected=_expect(admin=200, lead=200, manager=200, staff=200, reader=200),
    ),
    VoiceOperation(
        "GET",
        "/rounds/{round}/contributions/mine",
        expected=_expect(admin=200, lead=404, manager=404, staff=200, reader=404),
    ),
    VoiceOperation(
        "POST",
        "/rounds/{round}/contributions/mine",
        None,
        "round.contribute",
        status=200,
        expected=_expect(admin=200, lead=201, manager=403, staff=200, reader=403),
    ),
    VoiceOperation(
        "PUT",
        "/rounds/{round}/contributions/mine/placements/{thread}",
        {"position": 12, "version": 0},
        "round.contribute",
        expected=_expect(admin=200, lead=200, manager=403, staff=200, reader=403),
    ),
    VoiceOperation(
        "GET",
        "/rounds/{round}/overlay?entered=all",
        role_action="round.overlay",
        expected=_expect(admin=200, lead=200, manager=200, staff=403, reader=403),
    ),
    VoiceOperation(
        "POST",
        "/rounds/{round}/threads/{thread}/consensus",
        {"position": 8, "version": "{team_version}"},
        "round.record",
        status=200,
        expected=_expect(admin=200, lead=200, manager=403, staff=403, reader=403),
    ),
    VoiceOperation(
        "POST",
        "/contributions/{contribution}/void",
        {"reason": "Written as a joke"},
        "contribution.void",
        status=200,
        expected=_expect(admin=200, lead=200, manager=403, staff=403, reader=403),
    ),
]


def barrier_kinds(framework: Any) -> list[BarrierKind]:
    """The framework's kinds of barrier, in order."""
    return list(BarrierKind.objects.filter(framework=framework).order_by("position"))


def validation_errors(response: Any) -> list[tuple[list[object], str]]:
    """A 422 answer's errors as (where, message) pairs."""
    assert response.status_code == 422, response.content
    return [(e["loc"], e["msg"]) for e in response.json()["errors"]]
