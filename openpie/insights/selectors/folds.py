"""Pure folds of the overview's rows: quarters, distance travelled, the scale; figures in words."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from openpie.assessments.models import Thread
from openpie.assessments.scale import Scale
from openpie.insights.selectors.types import BUCKETS, DistanceRow, ThreadOverview


def _quarter(day: datetime.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def _find_bucket(moved: int) -> int:
    return next(i for i, (_label, low, high) in enumerate(BUCKETS) if low <= moved <= high)


_BUCKET_OF = {moved: _find_bucket(moved) for moved in range(-100, 101)}  # every move on any scale up to 100


def _bucket(moved: int) -> int:
    found = _BUCKET_OF.get(moved)
    return found if found is not None else _find_bucket(moved)


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
