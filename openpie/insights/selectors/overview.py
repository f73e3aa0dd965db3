"""The overview at any unit: every unit at or below it, thread by thread, in a fixed number of queries.

Teams' agreed beads are no one person's: inside the organisation each unit's shows, and their spread
over any number of units (``team_threshold``). Outside it they show only pooled over at least the
outside threshold of units. Staff members' and service users' beads are groups of people: pooled
across units from whole released batches of each block only (ADR 0014, ``released_by_group``), and
never pooled with each other (ADR 0006). Every query here is an aggregate or a ``values()`` row set,
grouped in Python, so the number of queries does not grow with the number of units or rounds.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count

from openpie.assessments.models import Contribution, Factor, Placement, Thread
from openpie.assessments.overlay.privacy import INSIDE, released_by_group, small_group_threshold, team_threshold
from openpie.assessments.overlay.selectors import way_of_taking_part
from openpie.frameworks.selectors import thread_names
from openpie.insights.selectors.folds import _distance, _quarter, _scale
from openpie.insights.selectors.regions import children_of, region_rows
from openpie.insights.selectors.scope import _latest_of_each_unit, _rounds_in_scope, audience_for
from openpie.insights.selectors.types import (
    LATEST_FIRST,
    Overview,
    OverviewFilters,
    Period,
    ProgressPoint,
    ThreadOverview,
    UnitPosition,
    group_of,
)
from openpie.organisations.models import Unit


def unit_overview(
    *, unit: Unit, viewer: Any, period: Period | None = None, filters: OverviewFilters, audience: str | None = None
) -> Overview:
    """Everything at or below ``unit``, thread by thread (see the module's docstring)."""
    audience = audience or audience_for(viewer, unit)
    threshold = small_group_threshold(audience)
    teams_at = team_threshold(audience)
    rounds = _rounds_in_scope(unit, filters, period)
    chosen = _latest_of_each_unit(rounds)

    # 1. Every round in scope (for progress over time), with its unit; latest first.
    round_rows = list(
        rounds.order_by(*LATEST_FIRST).values("id", "unit_id", "unit__name", "unit__path", "held_on", "framework_id")
    )
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
                unit_path=round_row["unit__path"],
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
        thread.teams = group_of([u.position for u in placed if u.position is not None], teams_at)
        gaps = [u.target - u.position for u in placed if u.target is not None and u.position is not None]
        thread.target_gap = group_of(gaps, teams_at)
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
            group=group_of([p for _held, p in quarter_positions.get((q, t.key), {}).values()], teams_at),
        )
        for t in themes
        for q in quarters
    ]
    distance = _distance(ordered, moved_by_key, teams_at)
    top = filters.locality if filters.locality is not None else unit
    regions = region_rows(top=top, children=children_of(top), threads=ordered, teams_at=teams_at)
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
        team_threshold=teams_at,
        regions=regions,
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
