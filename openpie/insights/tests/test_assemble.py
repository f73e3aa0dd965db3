"""The overview's pure folds, on plain rows: no database."""

from __future__ import annotations

import datetime
from typing import Any

from openpie.frameworks.selectors import ThreadNames
from openpie.insights.selectors import assemble
from openpie.insights.selectors.queries import RoundRow, TeamRow

JAN, MAR, JUN = datetime.date(2025, 1, 10), datetime.date(2025, 3, 20), datetime.date(2025, 6, 1)


def _round(pk: int, unit: int, held: datetime.date) -> RoundRow:
    return RoundRow(
        id=pk, unit_id=unit, unit_name=f"Team {unit}", unit_path=f"/1/{unit}/", held_on=held, framework_id=1
    )


def _bead(round_id: int, key: str = "theme-a", position: int | None = 5, **extra: Any) -> TeamRow:
    fields: dict[str, Any] = {"kind": "theme", "theme_key": key, "target": None, "previous": None, "thread_position": 0}
    fields.update(extra)
    return TeamRow(round_id=round_id, key=key, name=key.title(), short_name=key, position=position, **fields)


ROUNDS = [_round(3, 20, JUN), _round(2, 10, MAR), _round(1, 10, JAN)]  # latest first, as the query gives them
BY_ROUND = {r.id: r for r in ROUNDS}


def test_each_units_latest_round_is_its_first_in_latest_first_order():
    assert assemble.latest_round_ids(ROUNDS) == {3, 2}
    assert assemble.latest_round_ids([]) == set()


def test_a_unit_counts_once_per_quarter_with_its_latest_round_there():
    beads = [_bead(1, position=2), _bead(2, position=7), _bead(3, position=9), _bead(3, "element-x", kind="element")]
    quarters = assemble.quarter_positions(beads, BY_ROUND)
    assert quarters.quarters() == ["2025 Q1", "2025 Q2"]
    assert quarters.positions("2025 Q1", "theme-a") == [7]  # March's round, not January's
    assert quarters.positions("2025 Q2", "theme-a") == [9]
    assert quarters.positions("2025 Q2", "element-x") == []  # elements are not progress
    assert quarters.positions("2024 Q4", "theme-a") == []


def test_threads_hold_each_units_latest_bead_and_its_open_barriers():
    beads = [_bead(1, position=2), _bead(2, position=7), _bead(3, position=None)]
    threads = assemble.threads_of_latest(
        beads, BY_ROUND, {2, 3}, barriers={(10, "theme-a"): 2}, names=ThreadNames(), organisation_id=1
    )
    [thread] = threads.values()
    assert thread.name == "Theme-A"  # the round's own words when the framework does not know the key
    assert [(u.unit_id, u.position, u.barriers) for u in thread.units] == [(10, 7, 2), (20, None, 0)]
    assert thread.barriers == 2


def test_distance_moved_counts_latest_rounds_with_both_positions_only():
    beads = [_bead(1, position=5, previous=1), _bead(2, position=7, previous=4), _bead(3, position=None, previous=3)]
    assert assemble.moved_by_key(beads, {2, 3}) == {"theme-a": [3]}


def test_finishing_orders_elements_after_their_theme_and_hides_small_groups():
    beads = [
        _bead(2, "theme-b", position=4, thread_position=1, target=8),
        _bead(2, "element-a1", kind="element", theme_key="theme-a", thread_position=5),
        _bead(2, "theme-a", position=6, thread_position=0),
        _bead(3, "theme-a", position=8, thread_position=0, target=9),
    ]
    threads = assemble.threads_of_latest(beads, BY_ROUND, {2, 3}, barriers={}, names=ThreadNames(), organisation_id=1)
    ordered = assemble.finish_threads(threads.values(), {("theme-a", "individual"): [3, 4]}, threshold=2, teams_at=2)
    assert [t.key for t in ordered] == ["theme-a", "element-a1", "theme-b"]
    theme_a = ordered[0]
    assert theme_a.teams.shown
    assert theme_a.teams.median == 7.0
    assert not theme_a.target_gap.shown  # only one unit has a target
    assert theme_a.staff.shown
    assert not theme_a.service_users.shown
    assert not ordered[2].teams.shown  # one unit, under the two needed
    progress = assemble.progress_points([theme_a], assemble.quarter_positions(beads, BY_ROUND), teams_at=2)
    assert [(p.quarter, p.group.shown) for p in progress] == [("2025 Q1", False), ("2025 Q2", False)]
