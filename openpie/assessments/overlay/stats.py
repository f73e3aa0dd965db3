"""A group's beads in figures: median, middle half, range, and agreement between raters.

Every formula here is written out, with its source, in ADR 0017 (agreement measures):

- **r_wg** for one thread (James, Demaree and Wolf, 1984): ``1 − s² / σ²_EU``, with the uniform
  null ``σ²_EU = (A² − 1) / 12`` for the ``A`` positions a person can actually choose (20 on the
  default scale, not its 4 levels: see the ADR). Kept at 0 when the spread is wider than chance.
- **r_wg(J)** for a round of ``J`` threads (James, Demaree and Wolf, 1984; Lindell, Brandt and
  Whitney, 1999 on its behaviour): ``J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU)``.
- **AD** (Burke, Finkelstein and Dusig, 1999; Burke and Dunlap, 2002): the average absolute
  deviation of the beads from their mean or median, in positions; agreement is acceptable when
  it is at most ``c / 6`` for ``c`` options.
- **ICC(1)** and **ICC(2)** across units (Shrout and Fleiss, 1979; Bliese, 2000), from a one-way
  analysis of variance: for researchers, not the team's page.

The words a page shows come from r_wg *and* AD together (the stricter of the two), and a spread
across a whole level is never called very strong (``agreement_band``).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

BANDS = (
    (0.9, "very strong agreement"),
    (0.7, "strong agreement"),
    (0.5, "moderate agreement"),
    (0.3, "weak agreement"),
    (0.0, "little or no agreement"),
)
WORDS = tuple(words for _floor, words in BANDS)
# What each band is called on a page, in the page's language (the bands above are the keys).
SAID = {
    "very strong agreement": gettext_lazy("Very strong agreement"),
    "strong agreement": gettext_lazy("Strong agreement"),
    "moderate agreement": gettext_lazy("Moderate agreement"),
    "weak agreement": gettext_lazy("Weak agreement"),
    "little or no agreement": gettext_lazy("Little or no agreement"),
}
NOT_ENOUGH = gettext_lazy("Not enough beads to tell")

# AD about the median, as a share of one level's positions, at or under which each band may be
# said (the last is Burke and Dunlap's c/6, taken on the four levels: 4/6 of a level).
AD_BANDS = (
    (0.1, "very strong agreement"),  # on average within half a position of the median (5 a level)
    (0.2, "strong agreement"),  # within one position
    (0.4, "moderate agreement"),  # within two positions
)


def uniform_null(scale_count: int) -> float:
    """σ²_EU: the variance of beads placed at random, evenly over ``scale_count`` positions."""
    if scale_count < 2:
        raise ValueError("A scale needs at least two positions")
    return (scale_count**2 - 1) / 12


def r_wg(positions: Sequence[float], scale_count: int) -> float | None:
    """r_wg for one thread, unrounded: ``None`` with fewer than two beads; never below 0."""
    if len(positions) < 2 or scale_count < 2:
        return None
    return max(0.0, 1 - statistics.variance(positions) / uniform_null(scale_count))


def agreement(positions: Sequence[int], scale_count: int) -> float | None:
    """r_wg for one thread to two places: ``None`` with fewer than two beads."""
    value = r_wg(positions, scale_count)
    return None if value is None else round(value, 2)


def r_wg_j(items: Sequence[Sequence[float]], scale_count: int) -> float | None:
    """r_wg(J) for a round: the same group's beads on each of ``J`` threads (each with two or more).

    Uses the mean of the threads' variances; a mean wider than chance gives 0, as r_wg does.
    """
    usable = [item for item in items if len(item) >= 2]
    if not usable or scale_count < 2:
        return None
    ratio = statistics.fmean(statistics.variance(item) for item in usable) / uniform_null(scale_count)
    if ratio >= 1:
        return 0.0
    j = len(usable)
    return j * (1 - ratio) / (j * (1 - ratio) + ratio)


def average_deviation(positions: Sequence[float], *, about: str = "median") -> float | None:
    """AD: the mean absolute distance of the beads from their median (or mean), in positions."""
    if not positions:
        return None
    if about not in ("median", "mean"):
        raise ValueError(f"AD is about the median or the mean, not {about!r}")
    centre = statistics.median(positions) if about == "median" else statistics.fmean(positions)
    return statistics.fmean(abs(p - centre) for p in positions)


def ad_cut_off(options: int) -> float:
    """Burke and Dunlap's practical limit for AD: ``c / 6`` for ``c`` response options."""
    return options / 6


def agreement_words(value: float | None) -> str:
    """r_wg alone in words (for two raters, as in peer review); the overlay uses ``agreement_band``."""
    if value is None:
        return str(NOT_ENOUGH)
    return str(SAID[WORDS[_rwg_band(value)]])


def _rwg_band(value: float) -> int:
    """The place in ``WORDS`` of r_wg's band."""
    return next((index for index, (floor, _words) in enumerate(BANDS) if value >= floor), len(WORDS) - 1)


def agreement_band(positions: Sequence[int], *, scale_count: int, per_level: int) -> str:
    """What a group's agreement on one thread is called: the stricter of r_wg's band and AD's.

    AD about the median is measured against one level's width: beyond Burke and Dunlap's c/6 (with
    c the number of levels) there is little or no agreement, whatever r_wg says. A spread that
    reaches across a whole level's width is never called very strong.
    """
    value = r_wg(positions, scale_count)
    ad = average_deviation(positions)
    if value is None or ad is None:
        return str(NOT_ENOUGH)
    by_rwg = _rwg_band(round(value, 2))
    share = ad / per_level
    levels = max(1, scale_count // per_level)
    by_ad = next((WORDS.index(words) for limit, words in AD_BANDS if share <= limit), None)
    if by_ad is None:
        by_ad = WORDS.index("weak agreement") if share <= ad_cut_off(levels) else len(WORDS) - 1
    band = max(by_rwg, by_ad)
    if band == 0 and max(positions) - min(positions) >= per_level - 1:
        band = 1
    return str(SAID[WORDS[band]])


@dataclass(frozen=True)
class ICC:
    """Intraclass correlations across units from a one-way analysis of variance (Bliese, 2000)."""

    icc1: float
    icc2: float
    units: int
    mean_group_size: float
    ms_between: float
    ms_within: float


def icc(groups: Sequence[Sequence[float]]) -> ICC | None:
    """ICC(1) and ICC(2) of several units' beads on the same thread (each unit two or more beads).

    ICC(1) = (MSB − MSW) / (MSB + (k − 1) MSW) and ICC(2) = (MSB − MSW) / MSB, with ``k`` the
    group size (for unequal groups, Bliese's adjusted mean size). ``None`` with fewer than two
    usable units or no variance within them.
    """
    usable = [list(g) for g in groups if len(g) >= 2]
    if len(usable) < 2:
        return None
    n = sum(len(g) for g in usable)
    j = len(usable)
    grand = statistics.fmean(p for g in usable for p in g)
    means = [statistics.fmean(g) for g in usable]
    ss_between = sum(len(g) * (m - grand) ** 2 for g, m in zip(usable, means, strict=True))
    ss_within = sum((p - m) ** 2 for g, m in zip(usable, means, strict=True) for p in g)
    msb, msw = ss_between / (j - 1), ss_within / (n - j)
    if msb == 0 and msw == 0:
        return None
    k = (n - sum(len(g) ** 2 for g in usable) / n) / (j - 1)  # equals the group size when all are equal
    icc1 = (msb - msw) / (msb + (k - 1) * msw)
    icc2 = (msb - msw) / msb if msb else 0.0
    return ICC(icc1=icc1, icc2=icc2, units=j, mean_group_size=k, ms_between=msb, ms_within=msw)


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
