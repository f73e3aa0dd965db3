"""A group's beads in figures: median, middle half, range, and agreement between raters.

Agreement is r_wg (James, Demaree and Wolf, 1984): one minus the variance of the group's
positions over the variance expected if everyone had placed their bead at random on the
scale, ``(A² − 1) / 12`` for ``A`` positions. 1 is full agreement; 0 is no more than chance
(kept at 0 when the spread is wider still). ADR 0006 says why.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

BANDS = (
    (0.9, "very strong agreement"),
    (0.7, "strong agreement"),
    (0.5, "moderate agreement"),
    (0.3, "weak agreement"),
    (0.0, "little or no agreement"),
)


def agreement(positions: Sequence[int], scale_count: int) -> float | None:
    """r_wg for one thread: ``None`` with fewer than two beads."""
    if len(positions) < 2 or scale_count < 2:
        return None
    expected = (scale_count**2 - 1) / 12
    observed = statistics.variance(positions)
    return round(max(0.0, 1 - observed / expected), 2)


def agreement_words(value: float | None) -> str:
    if value is None:
        return "Not enough beads to tell"
    for floor, words in BANDS:
        if value >= floor:
            return words[0].upper() + words[1:]
    return "Little or no agreement"


@dataclass(frozen=True)
class Spread:
    """Where a group's beads lie: median, the middle half (quartiles) and the full range."""

    count: int
    median: float
    lower_quartile: float
    upper_quartile: float
    lowest: int
    highest: int

    @classmethod
    def of(cls, positions: Sequence[int]) -> Spread:
        if not positions:
            raise ValueError("A spread needs at least one bead")
        ordered = sorted(positions)
        if len(ordered) == 1:
            q1 = q3 = float(ordered[0])
        else:
            q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        return cls(len(ordered), float(statistics.median(ordered)), q1, q3, ordered[0], ordered[-1])

    def as_dict(self) -> dict[str, float | int]:
        return {
            "count": self.count,
            "median": self.median,
            "lower_quartile": self.lower_quartile,
            "upper_quartile": self.upper_quartile,
            "lowest": self.lowest,
            "highest": self.highest,
        }
