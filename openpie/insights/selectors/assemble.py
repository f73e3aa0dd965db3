"""The overview's pure folds: rows from the query steps (``queries``) in, threads and progress out.

Nothing here touches the database, so each fold is tested on its own with plain rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from openpie.assessments.models import Contribution, Thread
from openpie.frameworks.selectors import ThreadNames
from openpie.insights.selectors.folds import _quarter
from openpie.insights.selectors.queries import RoundRow, TeamRow
from openpie.insights.selectors.types import ProgressPoint, ThreadOverview, UnitPosition, group_of


def latest_round_ids(rounds: Iterable[RoundRow]) -> set[int]:
    """Each unit's first round in ``rounds`` (which come latest first)."""
    latest: dict[int, int] = {}
    for found in rounds:
        latest.setdefault(found.unit_id, found.id)
    return set(latest.values())


@dataclass
class QuarterPositions:
    """Per quarter and theme, each unit's team bead in its latest round of that quarter."""

    slots: dict[str, dict[str, dict[int, tuple[datetime.date, int]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )

    def add(self, found: RoundRow, key: str, position: int) -> None:
        slot = self.slots[_quarter(found.held_on)][key]
        held = slot.get(found.unit_id)
        if held is None or held[0] < found.held_on:
            slot[found.unit_id] = (found.held_on, position)

    def quarters(self) -> list[str]:
        return sorted(self.slots)

    def positions(self, quarter: str, key: str) -> list[int]:
        return [position for _held, position in self.slots.get(quarter, {}).get(key, {}).values()]


def quarter_positions(teams: Iterable[TeamRow], by_round: Mapping[int, RoundRow]) -> QuarterPositions:
    """Theme beads by quarter: a unit counts once per quarter, with its latest round in that quarter."""
    found = QuarterPositions()
    quarter_of: dict[int, str] = {}
    for row in teams:
        if row.position is None or row.kind != Thread.Kind.THEME:
            continue
        held_in = by_round[row.round_id]
        quarter = quarter_of.get(row.round_id)
        if quarter is None:
            quarter = quarter_of[row.round_id] = _quarter(held_in.held_on)
        slot = found.slots[quarter][row.key]
        held = slot.get(held_in.unit_id)
        if held is None or held[0] < held_in.held_on:  # as ``QuarterPositions.add``, without a call per bead
            slot[held_in.unit_id] = (held_in.held_on, row.position)
    return found


def new_thread(row: TeamRow, found: RoundRow, names: ThreadNames, organisation_id: int) -> ThreadOverview:
    named = names.of(organisation_id, found.framework_id, row.key, name=row.name, short_name=row.short_name)
    return ThreadOverview(
        key=row.key,
        kind=row.kind,
        theme_key=row.theme_key,
        name=named.name,
        short_name=named.short_name,
        order=(0, row.thread_position),
    )


def unit_position(row: TeamRow, found: RoundRow, barriers: int) -> UnitPosition:
    return UnitPosition(
        unit_id=found.unit_id,
        unit_name=found.unit_name,
        round_id=found.id,
        held_on=found.held_on,
        position=row.position,
        target=row.target,
        barriers=barriers,
        unit_path=found.unit_path,
    )


def threads_of_latest(
    teams: Iterable[TeamRow],
    by_round: Mapping[int, RoundRow],
    latest: set[int],
    *,
    barriers: Mapping[tuple[int, str], int],
    names: ThreadNames,
    organisation_id: int,
) -> dict[str, ThreadOverview]:
    """A thread per key, holding each unit's bead from its latest round and the unit's open barriers on it."""
    threads: dict[str, ThreadOverview] = {}
    for row in teams:
        if row.round_id not in latest:
            continue
        found = by_round[row.round_id]
        thread = threads.get(row.key)
        if thread is None:
            thread = threads[row.key] = new_thread(row, found, names, organisation_id)
        count = barriers.get((found.unit_id, row.key), 0)
        thread.barriers += count
        thread.units.append(unit_position(row, found, count))
    return threads


def moved_by_key(teams: Iterable[TeamRow], latest: set[int]) -> dict[str, list[int]]:
    """Per thread, how far each unit's team bead moved since the previous round (latest rounds only)."""
    moved: dict[str, list[int]] = defaultdict(list)
    for row in teams:
        if row.round_id in latest and row.position is not None and row.previous is not None:
            moved[row.key].append(row.position - row.previous)
    return moved


def finish_threads(
    threads: Iterable[ThreadOverview], voices: Mapping[tuple[str, str], list[int]], *, threshold: int, teams_at: int
) -> list[ThreadOverview]:
    """Each thread's spreads (teams, gap to target, staff, service users), its units by name, and the
    threads in framework order (an element after its theme)."""
    threads = list(threads)
    theme_order = {t.key: t.order[1] for t in threads if t.kind == Thread.Kind.THEME}
    for thread in threads:
        placed = [(u.position, u.target) for u in thread.units if u.position is not None]
        thread.teams = group_of([p for p, _t in placed], teams_at)
        thread.target_gap = group_of([t - p for p, t in placed if t is not None], teams_at)
        thread.staff = group_of(voices.get((thread.key, Contribution.Kind.INDIVIDUAL), []), threshold)
        thread.service_users = group_of(voices.get((thread.key, Contribution.Kind.SERVICE_USER), []), threshold)
        thread.units.sort(key=lambda u: (u.unit_name, u.unit_id))
        if thread.kind == Thread.Kind.THEME:
            thread.order = (thread.order[1], 0)
        else:
            thread.order = (theme_order.get(thread.theme_key, 999), thread.order[1])
    return sorted(threads, key=lambda t: (t.order, t.key))


def progress_points(themes: Iterable[ThreadOverview], quarters: QuarterPositions, teams_at: int) -> list[ProgressPoint]:
    """Each theme's spread of team beads in every quarter with a round (hidden under ``teams_at`` units)."""
    return [
        ProgressPoint(quarter=q, theme_key=t.key, group=group_of(quarters.positions(q, t.key), teams_at))
        for t in themes
        for q in quarters.quarters()
    ]
