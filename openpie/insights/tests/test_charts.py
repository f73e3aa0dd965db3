"""The overview's charts are drawn once per set of figures: the same figures give the same SVG without
drawing again, and any changed figure (or title) draws afresh."""

from __future__ import annotations

from openpie.insights import charts
from openpie.insights.selectors import DEFAULT_SCALE


def test_the_same_figures_are_drawn_once_and_a_change_draws_again():
    charts._spread_svg.cache_clear()
    figures = (("Theme A", (3, 5, 9)), ("Theme B", (10, 12)))

    first = charts._spread_svg("Boxes", DEFAULT_SCALE, figures)
    again = charts._spread_svg("Boxes", DEFAULT_SCALE, (("Theme A", (3, 5, 9)), ("Theme B", (10, 12))))
    moved = charts._spread_svg("Boxes", DEFAULT_SCALE, (("Theme A", (3, 5, 10)), ("Theme B", (10, 12))))
    retitled = charts._spread_svg("Other boxes", DEFAULT_SCALE, figures)

    assert again is first  # kept, not drawn again
    assert charts._spread_svg.cache_info().hits == 1
    assert moved != first  # a figure changed: drawn afresh
    assert b"Other boxes" in retitled
    assert b"<script" not in first


def test_a_hidden_distance_is_drawn_as_no_data():
    drawn = charts._distance_svg("Moved", None)
    assert charts.NO_DATA.encode() in drawn
