"""The agreement measures against published worked examples, and worked examples done by hand.

Each figure below can be checked with a pencil: the docstrings show the working.
"""

from __future__ import annotations

import itertools

import pytest

from openpie.assessments.overlay.stats import (
    ad_cut_off,
    agreement,
    agreement_band,
    average_deviation,
    icc,
    r_wg,
    r_wg_j,
    uniform_null,
)


def test_icc_reproduces_bliese_2000_worked_example():
    """Three units of four: {2,4,4,6}, {4,5,8,8}, {5,8,9,9} (Bliese, 2000).

    Unit means 4, 6.25, 7.75; grand mean 6. SS between = 4 × (4 + 0.0625 + 3.0625) = 28.5 on 2 df,
    MSB = 14.25. SS within = 8 + 12.75 + 10.75 = 31.5 on 9 df, MSW = 3.5.
    ICC(1) = (14.25 − 3.5) / (14.25 + 3 × 3.5) = 10.75 / 24.75 = 0.434343…
    ICC(2) = (14.25 − 3.5) / 14.25 = 0.754386…
    """
    found = icc([[2, 4, 4, 6], [4, 5, 8, 8], [5, 8, 9, 9]])
    assert found is not None
    assert found.ms_between == pytest.approx(14.25)
    assert found.ms_within == pytest.approx(3.5)
    assert found.icc1 == pytest.approx(43 / 99)  # 0.4343…
    assert f"{found.icc1:.4f}" == "0.4343"
    assert found.icc2 == pytest.approx(10.75 / 14.25)
    assert found.mean_group_size == pytest.approx(4)


def test_icc_needs_two_units_of_two():
    assert icc([[1, 2, 3]]) is None
    assert icc([[1, 2], [3]]) is None
    assert icc([[4, 4], [4, 4]]) is None  # nothing varies at all


def test_icc_with_unequal_units_uses_the_adjusted_group_size():
    """Units of 2 and 4: N = 6, k = (6 − (4 + 16) / 6) / 1 = 2.666…"""
    found = icc([[1, 3], [5, 6, 7, 8]])
    assert found is not None
    assert found.mean_group_size == pytest.approx(8 / 3)


def test_r_wg_reproduces_the_five_point_example():
    """Beads 4, 4, 5, 3, 4 on a 5-point scale: mean 4, s² = (0 + 0 + 1 + 1 + 0) / 4 = 0.5;
    σ²_EU = (25 − 1) / 12 = 2; r_wg = 1 − 0.5 / 2 = 0.75."""
    assert uniform_null(5) == 2
    assert r_wg([4, 4, 5, 3, 4], 5) == pytest.approx(0.75)
    assert agreement([4, 4, 5, 3, 4], 5) == 0.75


def test_r_wg_on_twenty_positions_uses_their_uniform_null():
    """σ²_EU = (400 − 1) / 12 = 33.25. Beads 6, 8, 10, 12, 14: s² = (16 + 4 + 0 + 4 + 16) / 4 = 10;
    r_wg = 1 − 10 / 33.25 = 0.6992… → 0.70."""
    assert uniform_null(20) == pytest.approx(33.25)
    assert agreement([6, 8, 10, 12, 14], 20) == 0.70
    assert agreement([1, 20, 1, 20], 20) == 0.0  # wider than chance is kept at 0
    assert agreement([7], 20) is None


def test_r_wg_j_worked_example():
    """Three threads on a 5-point scale: (4, 4, 5, 3, 4) s² = 0.5; (2, 3, 4) s² = 1; (5, 5) s² = 0.
    Mean s̄² = 0.5; s̄²/σ²_EU = 0.5 / 2 = 0.25; J = 3.
    r_wg(J) = 3 × 0.75 / (3 × 0.75 + 0.25) = 2.25 / 2.5 = 0.9."""
    assert r_wg_j([[4, 4, 5, 3, 4], [2, 3, 4], [5, 5]], 5) == pytest.approx(0.9)


def test_r_wg_j_skips_threads_of_one_bead_and_floors_at_zero():
    """A thread with one bead has no variance to use; with s̄² at or beyond chance r_wg(J) is 0."""
    assert r_wg_j([[4, 4, 5, 3, 4], [2]], 5) == pytest.approx(0.75)  # J = 1 is r_wg itself
    assert r_wg_j([[1, 5], [1, 5]], 5) == 0.0  # s² = 8, four times chance
    assert r_wg_j([[3]], 5) is None


def test_average_deviation_worked_example():
    """Beads 2, 3, 3, 4, 8 (mean 4, median 3).
    About the mean: (2 + 1 + 1 + 0 + 4) / 5 = 1.6. About the median: (1 + 0 + 0 + 1 + 5) / 5 = 1.4.
    Burke and Dunlap's limit for 20 options is 20 / 6 = 3.33…; for 5 options 5 / 6 = 0.83…"""
    beads = [2, 3, 3, 4, 8]
    assert average_deviation(beads, about="mean") == pytest.approx(1.6)
    assert average_deviation(beads) == pytest.approx(1.4)
    assert ad_cut_off(20) == pytest.approx(10 / 3)
    assert ad_cut_off(5) == pytest.approx(5 / 6)
    assert average_deviation([]) is None
    with pytest.raises(ValueError, match="median or the mean"):
        average_deviation(beads, about="mode")


def test_five_beads_over_the_whole_of_basic_are_not_called_very_strong():
    """Positions 6–10 are all of "Basic" (5 a level): s² = 2.5, r_wg = 1 − 2.5 / 33.25 = 0.92,
    which r_wg's bands alone would call very strong. AD about the median = (2+1+0+1+2)/5 = 1.2
    positions, a quarter of a level: moderate."""
    beads = [6, 7, 8, 9, 10]
    assert agreement(beads, 20) == 0.92
    assert agreement_band(beads, scale_count=20, per_level=5) == "Moderate agreement"


@pytest.mark.parametrize(
    ("beads", "words"),
    [
        ([8, 8, 8, 8, 8], "Very strong agreement"),
        ([8, 8, 8, 8, 9], "Very strong agreement"),  # AD 0.2 position
        ([7, 8, 8, 8, 9], "Very strong agreement"),  # AD 0.4, r_wg 0.98, within three positions
        ([4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12], "Strong agreement"),  # AD 0.67 position
        ([6, 8, 8, 8, 10], "Strong agreement"),  # AD 0.8
        ([3, 6, 8, 10, 13], "Weak agreement"),  # AD 2.6: under c/6 = 3.33, r_wg 0.70
        ([1, 1, 10, 20, 20], "Little or no agreement"),
        ([8], "Not enough beads to tell"),
    ],
)
def test_agreement_is_said_in_words_that_match_the_spread(beads, words):
    assert agreement_band(beads, scale_count=20, per_level=5) == words


def test_no_spread_across_a_whole_level_is_ever_called_very_strong():
    """Every group of five to eight beads on the first ten positions whose range spans a level."""
    for size in (5, 8):
        for beads in itertools.combinations_with_replacement(range(1, 11), size):
            if max(beads) - min(beads) >= 4:
                assert agreement_band(list(beads), scale_count=20, per_level=5) != "Very strong agreement"
