"""The overview's query steps: each one query (or a fixed few), returning plain rows for the pure folds.

Every step is an aggregate or a ``values()`` row set, so the number of queries does not grow with the
number of units or rounds. The folds that turn these rows into an overview are in ``assemble``.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.scale import Scale
from openpie.barriers.counts import open_barriers
from openpie.frameworks.models import Framework
from openpie.insights.selectors.types import DEFAULT_SCALE, LATEST_FIRST


@dataclass(frozen=True)
class RoundRow:
    """A round in scope, with its unit."""

    id: int
    unit_id: int
    unit_name: str
    unit_path: str
    held_on: datetime.date
    framework_id: int


@dataclass(frozen=True)
class TeamRow:
    """A team's agreed bead on one thread of one round."""

    round_id: int
    key: str
    kind: str
    theme_key: str
    name: str
    short_name: str
    thread_position: int
    position: int | None
    target: int | None
    previous: int | None


# A staff member's or service user's counted bead: (thread key, kind, position, round id, via,
# submitted at, created at, contribution id), as ``voice_blocks`` reads it.
VoiceRow = tuple[Any, ...]


def round_rows(rounds: QuerySet[Round]) -> list[RoundRow]:
    """Every round in scope (for progress over time), with its unit; latest first. One query."""
    rows = rounds.order_by(*LATEST_FIRST).values_list(
        "id", "unit_id", "unit__name", "unit__path", "held_on", "framework_id"
    )
    return [RoundRow(*row) for row in rows]


def team_rows(rounds: QuerySet[Round]) -> list[TeamRow]:
    """The teams' agreed beads in every round in scope. One query."""
    rows = Placement.objects.filter(
        thread__round__in=rounds,
        contribution__kind=Contribution.Kind.TEAM,
        contribution__state=Contribution.State.SUBMITTED,
    ).values_list(
        "thread__round_id",
        "thread__key",
        "thread__kind",
        "thread__theme_key",
        "thread__name",
        "thread__short_name",
        "thread__position",
        "position",
        "target",
        "previous_position",
    )
    return [TeamRow(*row) for row in rows]


def voice_rows(chosen: QuerySet[Round]) -> list[VoiceRow]:
    """Staff members' and service users' counted beads in the chosen rounds. One query."""
    rows = (
        Placement.objects.filter(
            thread__round__in=chosen,
            contribution__kind__in=(Contribution.Kind.INDIVIDUAL, Contribution.Kind.SERVICE_USER),
            contribution__state=Contribution.State.SUBMITTED,
            position__isnull=False,
        )
        .values_list(
            "thread__key",
            "contribution__kind",
            "position",
            "thread__round_id",
            "contribution__participation__via",
            "contribution__submitted_at",
            "contribution__created_at",
            "contribution_id",
        )
        .order_by()
    )
    return list(rows)


def barrier_counts(unit_ids: Iterable[int], as_of: datetime.date) -> dict[tuple[int, str], int]:
    """Barriers open on ``as_of`` per (unit id, thread key), whichever round raised them: a barrier
    carried from an earlier round counts until it is resolved (``open_barriers``). One query."""
    return open_barriers(units=list(unit_ids), as_of=as_of)


def scale_of(framework_ids: list[int]) -> Scale:
    """The scale of the framework most of the chosen rounds use. One query (none without rounds)."""
    if not framework_ids:
        return DEFAULT_SCALE
    most = statistics.mode(framework_ids)
    framework = Framework.objects.filter(pk=most).only("levels", "positions_per_level").first()
    return Scale.of(framework) if framework is not None else DEFAULT_SCALE
