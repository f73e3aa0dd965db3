"""The overview's charts as SVG images (pygal, no scripts), each beside a table with the same figures.

Readable in greyscale: every series has its own marker and line pattern, and the values are
labelled, so nothing depends on colour alone.

Drawing a chart is most of the work of the overview's page at national scale (pygal reads every
unit's bead for the boxes), so each chart is drawn from a plain, hashable account of what it shows
(``*_figures``) and the last few drawings are kept in this process: the same figures give the same
SVG, so a page asked again before anything changed does not draw its charts again, and a change in
any figure draws them afresh.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import lru_cache

import pygal

from openpie.assessments.reports.charts import dashed, new_chart, y_labels
from openpie.assessments.scale import Scale
from openpie.insights.selectors import BUCKETS, Overview, ThreadOverview

NO_DATA = "Too few units to show"
KEPT = 32  # drawings kept per process (four charts a page; an SVG is tens of KiB)

# What a chart shows: its title, the scale, and its series as (name, values), all hashable.
Series = tuple[tuple[str, tuple[int | float | None, ...]], ...]


def _in_words(scale: Scale) -> Callable[[float], str]:
    """A chart value as a position in words, kept on the scale."""
    return lambda v: scale.brief(max(1, min(scale.count, round(v))))


def _levels(scale: Scale) -> tuple[list[str], int]:
    return list(scale.levels), scale.per_level


def spread_figures(threads: list[ThreadOverview]) -> Series:
    """Each shown thread's name and its units' team positions, in order (hidden threads left out)."""
    return tuple(
        (t.short_name or t.name, tuple(sorted(u.position for u in t.units if u.position is not None)))
        for t in threads
        if t.teams.shown
    )


def spread_chart(overview: Overview, threads: list[ThreadOverview], *, title: str) -> bytes:
    """One box per thread: the teams' positions across units (range, middle half, median); hidden threads left out."""
    return _spread_svg(title, overview.scale, spread_figures(threads))


@lru_cache(maxsize=KEPT)
def _spread_svg(title: str, scale: Scale, figures: Series) -> bytes:
    levels, per_level = _levels(scale)
    chart = new_chart(
        pygal.Box,
        title=title,
        no_data=NO_DATA,
        height=440,
        box_mode="extremes",
        range=(1, len(levels) * per_level),
        show_legend=False,
        x_label_rotation=20,
        value_formatter=_in_words(scale),
    )
    if figures:
        chart.y_labels = y_labels(levels, per_level)
    for name, positions in figures:
        chart.add(name, list(positions))
    return bytes(chart.render())


def progress_figures(overview: Overview) -> Series:
    """Per theme with any figure, its name and its median team position in each quarter (None: not shown)."""
    series = []
    for theme in overview.themes:
        points = {p.quarter: p.group.median for p in overview.progress if p.theme_key == theme.key}
        values = tuple(points.get(q) for q in overview.quarters)
        if any(v is not None for v in values):
            series.append((theme.short_name or theme.name, values))
    return tuple(series)


def progress_chart(overview: Overview, *, title: str) -> bytes:
    """Per theme a line of the median team position per quarter, each with its own dash and marker."""
    return _progress_svg(title, overview.scale, tuple(overview.quarters), progress_figures(overview))


@lru_cache(maxsize=KEPT)
def _progress_svg(title: str, scale: Scale, quarters: tuple[str, ...], series: Series) -> bytes:
    levels, per_level = _levels(scale)
    chart = new_chart(
        pygal.Line,
        title=title,
        no_data=NO_DATA,
        height=440,
        range=(1, len(levels) * per_level),
        allow_interruptions=True,
        legend_at_bottom=True,
        truncate_legend=-1,
        print_values=False,
        dots_size=5,
        value_formatter=_in_words(scale),
    )
    chart.x_labels = list(quarters)
    if series:
        chart.y_labels = y_labels(levels, per_level)
    for index, (name, values) in enumerate(series):
        chart.add(name, list(values), stroke_style=dashed(index))
    return bytes(chart.render())


def distance_chart(overview: Overview, *, title: str) -> bytes:
    """How many units' team beads moved how far since the previous round, every theme together."""
    every = overview.distance[0] if overview.distance else None
    return _distance_svg(title, every.counts if every is not None and every.shown else None)


@lru_cache(maxsize=KEPT)
def _distance_svg(title: str, counts: tuple[int, ...] | None) -> bytes:
    chart = new_chart(
        pygal.Bar, title=title, no_data=NO_DATA, height=440, show_legend=False, print_values=True, x_label_rotation=20
    )
    if counts is not None:
        chart.x_labels = [label for label, _low, _high in BUCKETS]
        chart.add("Beads", list(counts))
    return bytes(chart.render())


def data_uri(svg: bytes) -> str:
    """An SVG for an ``<img>`` in the page: the policy's ``img-src`` allows ``data:``, and an image runs no script."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
