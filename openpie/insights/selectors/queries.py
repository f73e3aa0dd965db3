"""The overview's query steps: each one query (or a fixed few), returning plain rows for the pure folds.

Every step is an aggregate or a ``values()`` row set, so the number of queries does not grow with the
number of units or rounds. The folds that turn these rows into an overview are in ``assemble``.

At national scale (500 services, 400,000 beads) the rows themselves were the cost: the staff
members' and service users' 90,000 beads came to Python with two timestamps each, to be ordered
and cut into released batches there, and the teams' beads came with their thread's words on every
row. Now the database picks the released beads and counts them per position (``released_voices``),
the teams' rows are numbers and keys only, and the latest rounds are passed as their ids, which
the planner can count (the "latest round of each unit" subquery it could not, and it joined
hundreds of thousands of rows by nested loops). See docs/performance.md.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When, Window
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Coalesce, NullIf, RowNumber

from openpie.assessments.models import Contribution, Placement, Round, Thread
from openpie.assessments.overlay.selectors import VIA
from openpie.assessments.scale import Scale
from openpie.barriers.counts import open_barriers
from openpie.frameworks.models import Framework
from openpie.insights.selectors.types import DEFAULT_SCALE, LATEST_FIRST


class RoundRow(NamedTuple):
    """A round in scope, with its unit. (Named tuples: an overview makes thousands of rows, and a
    frozen dataclass takes four times as long to make.)"""

    id: int
    unit_id: int
    unit_name: str
    unit_path: str
    held_on: datetime.date
    framework_id: int


class TeamRow(NamedTuple):
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


def round_rows(rounds: QuerySet[Round]) -> list[RoundRow]:
    """Every round in scope (for progress over time), with its unit; latest first. One query."""
    rows = rounds.order_by(*LATEST_FIRST).values_list(
        "id", "unit_id", "unit__name", "unit__path", "held_on", "framework_id"
    )
    return [RoundRow(*row) for row in rows]


@dataclass(frozen=True)
class ThreadMeta:
    """How a thread key reads in the chosen rounds: its theme, words and place in the framework."""

    theme_key: str
    name: str
    short_name: str
    thread_position: int


def thread_meta(latest: Iterable[int]) -> dict[str, ThreadMeta]:
    """Each thread key of the ``latest`` rounds once (one round's own words when rounds differ). One query."""
    rows = (
        Thread.objects.filter(round_id__in=sorted(latest))
        .values_list("key", "theme_key", "name", "short_name", "position")
        .distinct()
        .order_by("key", "theme_key", "name", "short_name", "position")
    )
    found: dict[str, ThreadMeta] = {}
    for key, theme_key, name, short_name, position in rows:
        found.setdefault(key, ThreadMeta(theme_key, name, short_name, position))
    return found


def team_rows(rounds: QuerySet[Round], latest: Iterable[int], meta: dict[str, ThreadMeta]) -> list[TeamRow]:
    """The teams' agreed beads the overview reads: every thread of the ``latest`` rounds, and the
    themes of the other rounds in scope (progress by quarter). One query of numbers and keys only; each
    thread's words come from ``meta`` (read once per key, not once per bead)."""
    rows = (
        Placement.objects.filter(
            Q(contribution__round_id__in=sorted(latest))
            | Q(contribution__round__in=rounds, thread__kind=Thread.Kind.THEME),
            contribution__kind=Contribution.Kind.TEAM,
            contribution__state=Contribution.State.SUBMITTED,
        )
        .values_list("thread__round_id", "thread__key", "thread__kind", "position", "target", "previous_position")
        .order_by()
    )
    found = []
    for round_id, key, kind, position, target, previous in rows:
        about = meta.get(key)
        if about is None:  # a theme only earlier rounds have: counted in progress, not in the threads
            about = ThreadMeta(key, key, "", 0)
        found.append(
            TeamRow(
                round_id,
                key,
                kind,
                about.theme_key,
                about.name,
                about.short_name,
                about.thread_position,
                position,
                target,
                previous,
            )
        )
    return found


def _way_of_taking_part() -> Case:
    """A bead's block within its group, as ``way_of_taking_part`` says, in SQL: staff members are one
    block (""), service users one per way they took part (no record of how: through a link)."""
    return Case(
        When(
            contribution__kind=Contribution.Kind.SERVICE_USER,
            then=Coalesce(NullIf("contribution__participation__via", Value("")), Value(VIA["self"])),
        ),
        default=Value(""),
        output_field=CharField(),
    )


def released_voices(latest: Collection[int], threshold: int) -> dict[tuple[str, str], list[int]]:
    """Staff members' and service users' released beads in the ``latest`` rounds, by (thread key, kind).

    The same beads as ``voice_blocks`` over every counted bead (ADR 0014): a block is one round's staff
    members, or its service users who took part one way, on one thread; each block shows the first
    whole batches of ``threshold`` of its beads in the order they came in (submitted, else created,
    then the contribution). The database numbers each block's beads and keeps the released ones, and
    returns how many beads of each group lie at each position, not the beads. One query.
    """
    if not latest:
        return {}
    block: list[BaseExpression | F] = [F("thread_id"), F("contribution__kind"), _way_of_taking_part()]
    came_in = [Coalesce("contribution__submitted_at", "contribution__created_at").asc(), F("contribution_id").asc()]
    beads = (
        Placement.objects.filter(
            contribution__round_id__in=sorted(latest),
            contribution__kind__in=(Contribution.Kind.INDIVIDUAL, Contribution.Kind.SERVICE_USER),
            contribution__state=Contribution.State.SUBMITTED,
            position__isnull=False,
        )
        .annotate(
            voice_key=F("thread__key"),
            voice_kind=F("contribution__kind"),
            voice_bead=F("position"),
            answer_rank=Window(RowNumber(), partition_by=block, order_by=came_in),
            block_size=Window(Count("pk"), partition_by=block),
        )
        .values_list("voice_key", "voice_kind", "voice_bead", "answer_rank", "block_size")
        .order_by()
    )
    inner, params = beads.query.sql_with_params()
    query = (
        "SELECT b.voice_key, b.voice_kind, b.voice_bead, COUNT(*) FROM ("  # noqa: S608 (a compiled ORM query)
        + inner
        + ") b WHERE b.answer_rank <= (b.block_size / %s) * %s GROUP BY b.voice_key, b.voice_kind, b.voice_bead"
        + " ORDER BY b.voice_key, b.voice_kind, b.voice_bead"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, int(threshold), int(threshold)])
        counted = cursor.fetchall()
    found: dict[tuple[str, str], list[int]] = {}
    for key, kind, position, count in counted:
        found.setdefault((key, kind), []).extend([position] * count)
    return found


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
