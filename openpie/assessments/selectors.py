"""Reads for rounds: a round's threads with everything recorded on them, a person's actions, a unit's history.

Each runs a fixed number of queries, however many threads, items or rounds there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from openpie.assessments.extensions import EXTENSIONS
from openpie.assessments.models import Action, Contribution, Evidence, Factor, Placement, Round, Thread
from openpie.frameworks.selectors import thread_names
from openpie.organisations.models import Unit

STAGES = (
    ("where", gettext_lazy("Where are we now?")),
    ("evidence", gettext_lazy("What tells us so?")),
    ("factors", gettext_lazy("What helps, what hinders?")),
    ("actions", gettext_lazy("What will we do?")),
    ("review", gettext_lazy("How did it go?")),
)


@dataclass
class ThreadSummary:
    """One thread of a round with the team's bead and what was recorded on it."""

    thread: Thread
    placement: Placement | None
    evidence: list[Evidence]
    factors: list[Factor]
    actions: list[Action]
    barriers: list[Factor] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.barriers = [f for f in self.factors if f.is_barrier]

    @property
    def done(self) -> dict[str, bool]:
        """Which stages have something recorded for this thread."""
        placed = self.placement is not None and self.placement.position is not None
        return {
            "where": placed,
            "evidence": bool(self.evidence),
            "factors": bool(self.factors),
            "actions": bool(self.actions),
        }


def _first(placements: list[Placement]) -> Placement | None:
    return placements[0] if placements else None


def round_threads(round_: Round) -> list[ThreadSummary]:
    """Every thread of the round with the team's placement, evidence, factors (barriers) and actions."""
    return _summaries(round_.threads.all())


def rounds_threads(round_ids: Iterable[int]) -> dict[int, list[ThreadSummary]]:
    """``round_threads`` of many rounds at once, by round id: the same queries however many rounds."""
    found: dict[int, list[ThreadSummary]] = {pk: [] for pk in round_ids}
    for summary in _summaries(Thread.objects.filter(round_id__in=list(found))):
        found[summary.thread.round_id].append(summary)
    return found


def _summaries(threads: QuerySet[Thread]) -> list[ThreadSummary]:
    threads = threads.order_by("round_id", "position").prefetch_related(
        Prefetch(
            "placements",
            queryset=Placement.objects.filter(contribution__kind=Contribution.Kind.TEAM),
            to_attr="team_placements",
        ),
        Prefetch("evidence", queryset=Evidence.objects.order_by("created_at")),
        Prefetch(
            "factors",
            queryset=Factor.objects.select_related("barrier_kind")
            .annotate(**EXTENSIONS.factor_annotations())
            .order_by("created_at"),
        ),
        Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("due_on", "created_at")),
    )
    return [
        ThreadSummary(
            thread=t,
            placement=_first(t.team_placements),
            evidence=list(t.evidence.all()),
            factors=list(t.factors.all()),
            actions=list(t.actions.all()),
        )
        for t in threads
    ]


def round_actions(round_: Round) -> list[Action]:
    """All actions of the round, carried ones first (they are reviewed), then by due date."""
    return list(
        round_.actions.select_related("owner", "thread", "factor", "carried_from").order_by(
            "-carried_from", "due_on", "created_at"
        )
    )


def my_actions(user: Any) -> QuerySet[Action]:
    """The person's own actions across every round they can still see, open ones first."""
    visible = Unit.objects.visible_to(user)
    return (
        Action.objects.filter(owner=user, round__unit__in=visible)
        .select_related("round", "round__unit", "thread")
        .order_by(
            "status",
            "due_on",
        )
    )


def overdue_q() -> Q:
    return Q(status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS], due_on__lt=timezone.localdate())


@dataclass
class HistoryRow:
    round: Round
    positions: dict[str, int | None]
    barrier_counts: dict[str, int]


@dataclass
class UnitHistory:
    threads: list[tuple[str, str]]  # (key, short name), in the order of the latest round
    rows: list[HistoryRow]


def unit_history(unit: Unit) -> UnitHistory:
    """All rounds of the unit, oldest first, with the team's position and barrier count per thread."""
    rounds = list(
        Round.objects.filter(unit=unit)
        .order_by("held_on", "created_at")
        .prefetch_related(
            Prefetch(
                "threads",
                queryset=Thread.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "placements",
                        queryset=Placement.objects.filter(contribution__kind=Contribution.Kind.TEAM),
                        to_attr="team_placements",
                    ),
                    Prefetch("factors", queryset=Factor.objects.all(), to_attr="all_factors"),
                ),
            )
        )
    )
    # Threads named as the organisation words them now (each round keeps the words it began with).
    wording = thread_names(organisation_ids=[unit.organisation_id], framework_ids={r.framework_id for r in rounds})
    names: dict[str, str] = {}
    rows = []
    for round_ in rounds:
        positions: dict[str, int | None] = {}
        barriers: dict[str, int] = {}
        for thread in round_.threads.all():
            named = wording.of(
                unit.organisation_id, round_.framework_id, thread.key, name=thread.name, short_name=thread.short_name
            )
            names[thread.key] = named.short_name
            placement = _first(thread.team_placements)  # type: ignore[attr-defined]
            positions[thread.key] = placement.position if placement else None
            barriers[thread.key] = len([f for f in thread.all_factors if f.is_barrier])  # type: ignore[attr-defined]
        rows.append(HistoryRow(round=round_, positions=positions, barrier_counts=barriers))
    return UnitHistory(threads=list(names.items()), rows=rows)


def unit_latest_rounds(*, unit: Unit, count: int = 3) -> list[Round]:
    """The unit's latest rounds, newest first (for the unit's page). One query."""
    return list(Round.objects.filter(unit=unit).order_by("-held_on", "-created_at")[:count])
