"""The overview at any unit: every unit at or below it, thread by thread, in a fixed number of queries.

A "group" here is the set of units: the distribution of the teams' agreed beads across units is
shown only when at least the small-group threshold of units has one (5 inside the organisation,
10 for anyone outside it). Staff members' and service users' beads, pooled across units from the
counted contributions, are groups of people and are shown under the same threshold, never pooled
with each other (ADR 0006). Every query here is an aggregate or a ``values()`` row set, grouped in
Python, so the number of queries does not grow with the number of units or rounds.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from openpie.assessments.models import Contribution, Factor, Placement, Round, Thread
from openpie.assessments.overlay.privacy import INSIDE, OUTSIDE, released_by_group, small_group_threshold
from openpie.assessments.overlay.selectors import way_of_taking_part
from openpie.assessments.overlay.stats import Spread
from openpie.assessments.scale import Scale
from openpie.frameworks.models import Framework
from openpie.frameworks.selectors import thread_names
from openpie.organisations.access import memberships_for
from openpie.organisations.models import Unit

COUNTED_STATES = (Round.State.OPEN, Round.State.IN_REVIEW, Round.State.CLOSED)
LATEST_FIRST = ("-held_on", "-created_at", "-id")
DEFAULT_SCALE = Scale(levels=("Poor?", "Basic", "Progressing", "Advanced"), per_level=5)

# Distance travelled since the previous round (team position − previous position), in buckets.
BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("Moved 3 or more to the left", -1000, -3),
    ("Moved 1 or 2 to the left", -2, -1),
    ("No change", 0, 0),
    ("Moved 1 or 2 to the right", 1, 2),
    ("Moved 3 to 5 to the right", 3, 5),
    ("Moved 6 or more to the right", 6, 1000),
)


@dataclass(frozen=True)
class OverviewFilters:
    """Which units count: those below a locality (any unit at or below the overview's unit), of a
    client group, of a type of service. Empty means any."""

    locality: Unit | None = None
    client_group: str = ""
    service_type: str = ""


@dataclass(frozen=True)
class Period:
    """Rounds held from ``start`` to ``end`` (both included; either may be open)."""

    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class Group:
    """A group's figures, or nothing at all when it is under the threshold (nobody and a few look the same)."""

    shown: bool
    spread: Spread | None = None

    @property
    def count(self) -> int | None:
        return self.spread.count if self.spread else None

    @property
    def median(self) -> float | None:
        return self.spread.median if self.spread else None


HIDDEN = Group(shown=False)


def group_of(values: list[int], threshold: int) -> Group:
    if len(values) < threshold or not values:
        return HIDDEN
    return Group(shown=True, spread=Spread.of(values))


@dataclass(frozen=True)
class UnitPosition:
    unit_id: int
    unit_name: str
    round_id: int
    held_on: datetime.date
    position: int | None
    target: int | None
    barriers: int


@dataclass
class ThreadOverview:
    key: str
    kind: str
    theme_key: str
    name: str
    short_name: str
    order: tuple[int, int]
    teams: Group = HIDDEN
    target_gap: Group = HIDDEN  # spread of (target − position) over the units with both
    staff: Group = HIDDEN
    service_users: Group = HIDDEN
    units: list[UnitPosition] = field(default_factory=list)
    barriers: int = 0

    @property
    def staff_service_user_gap(self) -> float | None:
        """Service users' median minus staff members' (positive: service users place it further right)."""
        if self.staff.median is None or self.service_users.median is None:
            return None
        return self.service_users.median - self.staff.median


@dataclass(frozen=True)
class ProgressPoint:
    quarter: str  # "2025 Q1"
    theme_key: str
    group: Group


@dataclass(frozen=True)
class DistanceRow:
    key: str
    name: str
    shown: bool
    counts: tuple[int, ...] | None  # one per bucket, or None when too few units moved to show


@dataclass
class Overview:
    unit: Unit
    audience: str
    threshold: int
    scale: Scale
    period: Period | None
    units_counted: int  # units with a round taken into account
    themes: list[ThreadOverview]
    elements: list[ThreadOverview]
    quarters: list[str]
    progress: list[ProgressPoint]
    theme_names: dict[str, str]
    distance: list[DistanceRow]
    drill_down: bool  # per-unit positions are listed (inside the organisation only)

    def thread(self, key: str) -> ThreadOverview | None:
        return next((t for t in [*self.themes, *self.elements] if t.key == key), None)


def audience_for(viewer: Any, unit: Unit) -> str:
    """Inside for a member of the unit's organisation; outside for anyone else (shared units)."""
    inside = any(m.unit.organisation_id == unit.organisation_id for m in memberships_for(viewer))
    return INSIDE if inside else OUTSIDE


def _rounds_in_scope(unit: Unit, filters: OverviewFilters, period: Period | None) -> QuerySet[Round]:
    top = filters.locality if filters.locality is not None else unit
    rounds = Round.objects.filter(
        unit__organisation_id=unit.organisation_id,
        unit__path__startswith=unit.path,
        state__in=COUNTED_STATES,
    ).exclude(form=Round.Form.CHECK_IN)
    if top.pk != unit.pk:
        rounds = rounds.filter(unit__path__startswith=top.path)
    if filters.client_group:
        rounds = rounds.filter(unit__client_group=filters.client_group)
    if filters.service_type:
        rounds = rounds.filter(unit__service_type=filters.service_type)
    if period is not None and period.start is not None:
        rounds = rounds.filter(held_on__gte=period.start)
    if period is not None and period.end is not None:
        rounds = rounds.filter(held_on__lte=period.end)
    return rounds


def _latest_of_each_unit(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """The latest round of each unit among ``rounds`` (one correlated subquery, no list of ids)."""
    latest = rounds.filter(unit_id=OuterRef("unit_id")).order_by(*LATEST_FIRST).values("id")[:1]
    return rounds.filter(id=Subquery(latest))


def latest_rounds(unit: Unit, filters: OverviewFilters | None = None, period: Period | None = None) -> QuerySet[Round]:
    """The rounds the overview at ``unit`` counts: the latest (counted, not check-in) round of each unit below it."""
    return _latest_of_each_unit(_rounds_in_scope(unit, filters or OverviewFilters(), period))


def _quarter(day: datetime.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def _bucket(moved: int) -> int:
    return next(i for i, (_label, low, high) in enumerate(BUCKETS) if low <= moved <= high)


def unit_overview(
    *, unit: Unit, viewer: Any, period: Period | None = None, filters: OverviewFilters, audience: str | None = None
) -> Overview:
    """Everything at or below ``unit``, thread by thread (see the module's docstring)."""
    audience = audience or audience_for(viewer, unit)
    threshold = small_group_threshold(audience)
    rounds = _rounds_in_scope(unit, filters, period)
    chosen = _latest_of_each_unit(rounds)

    # 1. Every round in scope (for progress over time), with its unit; latest first.
    round_rows = list(rounds.order_by(*LATEST_FIRST).values("id", "unit_id", "unit__name", "held_on", "framework_id"))
    by_round = {row["id"]: row for row in round_rows}
    latest_ids: set[int] = set()
    seen_units: set[int] = set()
    for found_round in round_rows:
        if found_round["unit_id"] not in seen_units:
            seen_units.add(found_round["unit_id"])
            latest_ids.add(found_round["id"])

    # 2. The teams' agreed beads in every round in scope.
    team_rows = list(
        Placement.objects.filter(
            thread__round__in=rounds,
            contribution__kind=Contribution.Kind.TEAM,
            contribution__state=Contribution.State.SUBMITTED,
        ).values(
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
    )
    # 3. Staff members' and service users' counted beads in the chosen rounds, pooled by thread.
    voice_rows = (
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
    voices = voice_blocks(voice_rows, threshold)
    # 4. Barriers (hindrances outside the service's control) per chosen round and thread.
    barrier_rows = (
        Factor.objects.filter(thread__round__in=chosen, effect=Factor.Effect.HINDERS, control=Factor.Control.OUTSIDE)
        .values("thread__round_id", "thread__key")
        .annotate(n=Count("id"))
        .order_by()
    )
    barriers = {(r["thread__round_id"], r["thread__key"]): r["n"] for r in barrier_rows}
    # 5. The scale: the framework most of the chosen rounds use.
    scale = _scale([by_round[i]["framework_id"] for i in latest_ids])
    # 6. Threads named as the organisation words them now (a round keeps the words it began with).
    names = thread_names(
        organisation_ids=[unit.organisation_id], framework_ids={by_round[i]["framework_id"] for i in latest_ids}
    )

    threads: dict[str, ThreadOverview] = {}
    quarter_positions: dict[tuple[str, str], dict[int, tuple[datetime.date, int]]] = defaultdict(dict)
    for row in team_rows:
        round_row = by_round[row["thread__round_id"]]
        key = row["thread__key"]
        position = row["position"]
        if position is not None and row["thread__kind"] == Thread.Kind.THEME:
            # A unit counts once per quarter: its latest round in that quarter.
            slot = quarter_positions[(_quarter(round_row["held_on"]), key)]
            held = round_row["held_on"]
            if round_row["unit_id"] not in slot or slot[round_row["unit_id"]][0] < held:
                slot[round_row["unit_id"]] = (held, position)
        if row["thread__round_id"] not in latest_ids:
            continue
        thread = threads.get(key)
        if thread is None:
            named = names.of(
                unit.organisation_id,
                round_row["framework_id"],
                key,
                name=row["thread__name"],
                short_name=row["thread__short_name"],
            )
            thread = threads[key] = ThreadOverview(
                key=key,
                kind=row["thread__kind"],
                theme_key=row["thread__theme_key"],
                name=named.name,
                short_name=named.short_name,
                order=(0, row["thread__position"]),
            )
        count = barriers.get((round_row["id"], key), 0)
        thread.barriers += count
        thread.units.append(
            UnitPosition(
                unit_id=round_row["unit_id"],
                unit_name=round_row["unit__name"],
                round_id=round_row["id"],
                held_on=round_row["held_on"],
                position=position,
                target=row["target"],
                barriers=count,
            )
        )

    theme_order = {t.key: t.order[1] for t in threads.values() if t.kind == Thread.Kind.THEME}
    moved_by_key: dict[str, list[int]] = defaultdict(list)
    for row in team_rows:
        now, before = row["position"], row["previous_position"]
        if row["thread__round_id"] in latest_ids and now is not None and before is not None:
            moved_by_key[row["thread__key"]].append(now - before)
    for thread in threads.values():
        placed = [u for u in thread.units if u.position is not None]
        thread.teams = group_of([u.position for u in placed if u.position is not None], threshold)
        gaps = [u.target - u.position for u in placed if u.target is not None and u.position is not None]
        thread.target_gap = group_of(gaps, threshold)
        thread.staff = group_of(voices.get((thread.key, Contribution.Kind.INDIVIDUAL), []), threshold)
        thread.service_users = group_of(voices.get((thread.key, Contribution.Kind.SERVICE_USER), []), threshold)
        thread.units.sort(key=lambda u: (u.unit_name, u.unit_id))
        if thread.kind != Thread.Kind.THEME:
            thread.order = (theme_order.get(thread.theme_key, 999), thread.order[1])
        else:
            thread.order = (thread.order[1], 0)

    ordered = sorted(threads.values(), key=lambda t: (t.order, t.key))
    themes = [t for t in ordered if t.kind == Thread.Kind.THEME]
    elements = [t for t in ordered if t.kind != Thread.Kind.THEME]
    quarters = sorted({q for q, _key in quarter_positions})
    progress = [
        ProgressPoint(
            quarter=q,
            theme_key=t.key,
            group=group_of([p for _held, p in quarter_positions.get((q, t.key), {}).values()], threshold),
        )
        for t in themes
        for q in quarters
    ]
    distance = _distance(ordered, moved_by_key, threshold)
    return Overview(
        unit=unit,
        audience=audience,
        threshold=threshold,
        scale=scale,
        period=period,
        units_counted=len(latest_ids),
        themes=themes,
        elements=elements,
        quarters=quarters,
        progress=progress,
        theme_names={t.key: t.name for t in themes},
        distance=distance,
        drill_down=audience == INSIDE,
    )


def voice_blocks(rows: Iterable[tuple[Any, ...]], threshold: int) -> dict[tuple[str, str], list[int]]:
    """Beads by (thread key, kind), from each block's released answers only: a block is one round's
    staff members, or its service users who took part one way (link or proxy), on one thread."""
    return released_by_group(
        (
            (
                (key, kind),
                (round_id, way_of_taking_part(kind, via)),
                (sub or made, c),
                p,
            )
            for key, kind, p, round_id, via, sub, made, c in rows
            if p is not None
        ),
        threshold,
    )


def _distance(threads: Iterable[ThreadOverview], moved: dict[str, list[int]], threshold: int) -> list[DistanceRow]:
    """Per thread, how many units' team beads moved how far; shown only when enough units moved at all."""
    rows = []
    every: list[int] = []
    for thread in threads:
        values = moved.get(thread.key, [])
        if thread.kind == Thread.Kind.THEME:
            every.extend(values)
        rows.append(_distance_row(thread.key, thread.name, values, threshold))
    if rows:
        rows.insert(0, _distance_row("", "Every theme", every, threshold))
    return rows


def _distance_row(key: str, name: str, values: list[int], threshold: int) -> DistanceRow:
    if len(values) < threshold:
        return DistanceRow(key=key, name=name, shown=False, counts=None)
    counts = [0] * len(BUCKETS)
    for value in values:
        counts[_bucket(value)] += 1
    return DistanceRow(key=key, name=name, shown=True, counts=tuple(counts))


def _scale(framework_ids: list[int]) -> Scale:
    if not framework_ids:
        return DEFAULT_SCALE
    most = statistics.mode(framework_ids)
    framework = Framework.objects.filter(pk=most).only("levels", "positions_per_level").first()
    return Scale.of(framework) if framework is not None else DEFAULT_SCALE


def locality_choices(unit: Unit) -> list[Unit]:
    """Units the overview can be narrowed to: the unit and everything below it that has units below it."""
    return list(
        Unit.objects.below(unit)
        .filter(Q(pk=unit.pk) | Q(children__isnull=False))
        .distinct()
        .only("id", "name", "path", "kind")
        .order_by("path")
    )


def words(scale: Scale, value: float | None) -> str:
    """A median in words: a whole position as "Basic 2", a half one as "between Basic 2 and Basic 3"."""
    if value is None:
        return ""
    if value == int(value):
        return scale.brief(int(value))
    low, high = int(value), int(value) + 1
    return f"between {scale.brief(low)} and {scale.brief(high)}"


def gap_words(value: float | None) -> str:
    if value is None:
        return ""
    if value == 0:
        return "No gap"
    steps = abs(value)
    shown = f"{steps:g}"
    noun = "position" if steps == 1 else "positions"
    return f"{shown} {noun} {'to the right' if value > 0 else 'to the left'}"
