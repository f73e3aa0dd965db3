"""The overview at any unit: every unit at or below it, thread by thread, in a fixed number of queries.

Teams' agreed beads are no one person's: inside the organisation each unit's shows, and their spread
over any number of units (``team_threshold``). Outside it they show only pooled over at least the
outside threshold of units. Staff members' and service users' beads are groups of people: pooled
across units from whole released batches of each block only (ADR 0014, ``released_by_group``), and
never pooled with each other (ADR 0006). A unit's barriers are those open on the period's end (or
today), whichever of its rounds raised them (``openpie.barriers.counts.open_barriers``).

The query steps (``queries``) are each an aggregate or a ``values()`` row set, folded in Python by
pure functions (``assemble``), so the number of queries does not grow with the number of units or rounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from openpie.assessments.models import Thread
from openpie.assessments.overlay.privacy import INSIDE, released_by_group, small_group_threshold, team_threshold
from openpie.assessments.overlay.selectors import way_of_taking_part
from openpie.frameworks.selectors import thread_names
from openpie.insights.selectors import assemble, queries
from openpie.insights.selectors.folds import _distance
from openpie.insights.selectors.regions import children_of, region_rows
from openpie.insights.selectors.scope import _rounds_in_scope, audience_for
from openpie.insights.selectors.types import Overview, OverviewFilters, Period
from openpie.organisations.models import Unit


def unit_overview(
    *, unit: Unit, viewer: Any, period: Period | None = None, filters: OverviewFilters, audience: str | None = None
) -> Overview:
    """Everything at or below ``unit``, thread by thread (see the module's docstring): the query steps
    (``queries``), then the pure folds (``assemble``)."""
    audience = audience or audience_for(viewer, unit)
    threshold, teams_at = small_group_threshold(audience), team_threshold(audience)
    rounds = _rounds_in_scope(unit, filters, period)
    round_rows = queries.round_rows(rounds)
    by_round = {row.id: row for row in round_rows}
    latest = assemble.latest_round_ids(round_rows)
    team_rows = queries.team_rows(rounds, latest, queries.thread_meta(latest))
    voices = queries.released_voices(latest, threshold)
    frameworks = [by_round[i].framework_id for i in latest]
    as_of = period.end if period is not None and period.end is not None else timezone.localdate()
    threads = assemble.threads_of_latest(
        team_rows,
        by_round,
        latest,
        barriers=queries.barrier_counts({by_round[i].unit_id for i in latest}, as_of),
        names=thread_names(organisation_ids=[unit.organisation_id], framework_ids=set(frameworks)),
        organisation_id=unit.organisation_id,
    )
    ordered = assemble.finish_threads(threads.values(), voices, threshold=threshold, teams_at=teams_at)
    themes = [t for t in ordered if t.kind == Thread.Kind.THEME]
    quarters = assemble.quarter_positions(team_rows, by_round)
    top = filters.locality if filters.locality is not None else unit
    return Overview(
        unit=unit,
        audience=audience,
        threshold=threshold,
        scale=queries.scale_of(frameworks),
        period=period,
        units_counted=len(latest),
        themes=themes,
        elements=[t for t in ordered if t.kind != Thread.Kind.THEME],
        quarters=quarters.quarters(),
        progress=assemble.progress_points(themes, quarters, teams_at),
        theme_names={t.key: t.name for t in themes},
        distance=_distance(ordered, assemble.moved_by_key(team_rows, latest), teams_at),
        drill_down=audience == INSIDE,
        team_threshold=teams_at,
        regions=region_rows(top=top, children=children_of(top), threads=ordered, teams_at=teams_at),
    )


def voice_blocks(rows: Iterable[tuple[Any, ...]], threshold: int) -> dict[tuple[str, str], list[int]]:
    """Beads by (thread key, kind), from each block's released answers only: a block is one round's
    staff members, or its service users who took part one way (link or proxy), on one thread.

    Rows are (thread key, kind, position, round id, via, submitted at, created at, contribution id).
    The overview asks the database for the same beads (``queries.released_voices``); this fold is the
    rule written out in Python, and the tests hold the two to the same answer."""
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
