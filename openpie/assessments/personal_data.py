"""What assessments holds of a person: their own beads and what they wrote in rounds, the rounds they
started and the sessions they ran (openpie/common/personal_data.py).

Erasing a person keeps what they contributed, without them: their own beads still count but no
longer name them, and what they wrote stays with the team's round (a team's record is the team's).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from openpie.assessments.models import Action, CheckIn, Contribution, Evidence, Factor, Placement, Round, VotingSession
from openpie.common.personal_data import KEPT, Holding, Section, register, where

_MINE = ("created_by", "updated_by")


def _mine(person: Any) -> Q:
    return Q(created_by=person) | Q(updated_by=person)


def own_beads(person: Any) -> list[dict[str, Any]]:
    placements = (
        Placement.objects.filter(contribution__author=person, contribution__kind=Contribution.Kind.INDIVIDUAL)
        .select_related("contribution__round__unit__organisation", "thread")
        .order_by("contribution__round_id", "thread__position")
    )
    return [
        {
            **where(p.contribution.round),
            "thread": p.thread.name,
            "position": p.position,
            "comment": p.comment,
            "state": p.contribution.get_state_display(),
        }
        for p in placements
    ]


def evidence(person: Any) -> list[dict[str, Any]]:
    rows = Evidence.objects.filter(_mine(person)).select_related("thread__round__unit__organisation")
    return [
        {**where(e.thread.round), "thread": e.thread.name, "text": e.text, "file": e.file_name, "written": e.created_at}
        for e in rows.order_by("created_at")
    ]


def factors(person: Any) -> list[dict[str, Any]]:
    rows = Factor.objects.filter(_mine(person)).select_related("thread__round__unit__organisation")
    return [
        {
            **where(f.thread.round),
            "thread": f.thread.name,
            "text": f.text,
            "effect": f.get_effect_display(),
            "control": f.get_control_display(),
            "written": f.created_at,
        }
        for f in rows.order_by("created_at")
    ]


def actions(person: Any) -> list[dict[str, Any]]:
    rows = Action.objects.filter(_mine(person) | Q(owner=person)).select_related("round__unit__organisation")
    return [
        {
            **where(a.round),
            "what": a.what,
            "status": a.get_status_display(),
            "due": a.due_on,
            "you_own_it": a.owner_id == person.pk,
            "written": a.created_at,
        }
        for a in rows.order_by("created_at")
    ]


def check_ins(person: Any) -> list[dict[str, Any]]:
    rows = CheckIn.objects.filter(_mine(person)).select_related("round__unit__organisation").order_by("created_at")
    return [
        {
            **where(c.round),
            "hows_things": c.hows_things,
            "going_well": c.going_well,
            "getting_in_the_way": c.getting_in_the_way,
            "try_next": c.try_next,
        }
        for c in rows
    ]


def rounds_started(person: Any) -> list[dict[str, Any]]:
    rows = Round.objects.filter(created_by=person).select_related("unit__organisation").order_by("created_at")
    return [{**where(r), "state": r.get_state_display(), "started": r.created_at} for r in rows]


def sessions_run(person: Any) -> list[dict[str, Any]]:
    rows = VotingSession.objects.filter(started_by=person).select_related("round__unit__organisation")
    return [{**where(s.round), "started": s.started_at, "ended": s.ended_at} for s in rows.order_by("started_at")]


def erase(person: Any) -> None:
    """Keep what they contributed, without them."""
    Contribution.objects.filter(author=person).update(author=None)
    Placement.objects.filter(updated_by=person).update(updated_by=None)
    for model in (Evidence, Factor, Action, CheckIn):
        model.objects.filter(created_by=person).update(created_by=None)
        model.objects.filter(updated_by=person).update(updated_by=None)
    Action.objects.filter(owner=person).update(owner=None, owner_name="")


_LINKS = {
    "Round.created_by": "rounds_started",
    "VotingSession.started_by": "sessions_run",
    "Contribution.author": "own_beads",
    "Contribution.voided_by": f"{KEPT}: a lead's decision on a team's record, shown in the audit trail",
    "Placement.updated_by": "own_beads",
    "Action.owner": "actions",
    "CriterionRating.created_by": f"{KEPT}: the team's rating of a review criterion, not the person's",
    "CriterionRating.updated_by": f"{KEPT}: the team's rating of a review criterion, not the person's",
}
for _model, _key in (("Evidence", "evidence"), ("Factor", "factors"), ("Action", "actions"), ("CheckIn", "check_ins")):
    _LINKS.update({f"{_model}.{name}": _key for name in _MINE})

register(
    Holding(
        app="assessments",
        links=_LINKS,
        sections=(
            Section("own_beads", "Your own beads", own_beads, order=40),
            Section("evidence", "Evidence you wrote", evidence, order=50),
            Section("factors", "What helps and hinders, as you wrote it", factors, order=60),
            Section("actions", "Actions you wrote or own", actions, order=70),
            Section("check_ins", "Check-ins you wrote", check_ins, order=80),
            Section("rounds_started", "Rounds you started", rounds_started, order=82),
            Section("sessions_run", "Sessions you ran", sessions_run, order=84),
        ),
        erase=erase,
        erase_order=10,
    )
)
