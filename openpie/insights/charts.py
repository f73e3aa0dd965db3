"""The overview's charts as SVG images (pygal, no scripts), each beside a table with the same figures.

Readable in greyscale: every series has its own marker and line pattern, and the values are
labelled, so nothing depends on colour alone.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import pygal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.assessments.reports.charts import dashed, new_chart, y_labels
from openpie.insights.selectors import BUCKETS, Overview, ThreadOverview

NO_DATA = gettext_lazy("Too few units to show")


def _in_words(overview: Overview) -> Callable[[float], str]:
    """A chart value as a position in words, kept on the scale."""
    return lambda v: overview.scale.brief(max(1, min(overview.scale.count, round(v))))


def _levels(overview: Overview) -> tuple[list[str], int]:
    return list(overview.scale.levels), overview.scale.per_level


def spread_chart(overview: Overview, threads: list[ThreadOverview], *, title: str) -> bytes:
    """One box per thread: the teams' positions across units (range, middle half, median); hidden threads left out."""
    levels, per_level = _levels(overview)
    chart = new_chart(
        pygal.Box,
        title=title,
        no_data=str(NO_DATA),
        height=440,
        box_mode="extremes",
        range=(1, len(levels) * per_level),
        show_legend=False,
        x_label_rotation=20,
        value_formatter=_in_words(overview),
    )
    shown = [t for t in threads if t.teams.shown]
    if shown:
        chart.y_labels = y_labels(levels, per_level)
    for thread in shown:
        positions = [u.position for u in thread.units if u.position is not None]
        chart.add(thread.short_name or thread.name, positions)
    return bytes(chart.render())


def progress_chart(overview: Overview, *, title: str) -> bytes:
    """Per theme a line of the median team position per quarter, each with its own dash and marker."""
    levels, per_level = _levels(overview)
    chart = new_chart(
        pygal.Line,
        title=title,
        no_data=str(NO_DATA),
        height=440,
        range=(1, len(levels) * per_level),
        allow_interruptions=True,
        legend_at_bottom=True,
        truncate_legend=-1,
        print_values=False,
        dots_size=5,
        value_formatter=_in_words(overview),
    )
    chart.x_labels = overview.quarters
    series = []
    for theme in overview.themes:
        points = {p.quarter: p.group.median for p in overview.progress if p.theme_key == theme.key}
        values = [points.get(q) for q in overview.quarters]
        if any(v is not None for v in values):
            series.append((theme.short_name or theme.name, values))
    if series:
        chart.y_labels = y_labels(levels, per_level)
    for index, (name, values) in enumerate(series):
        chart.add(name, values, stroke_style=dashed(index))
    return bytes(chart.render())


def distance_chart(overview: Overview, *, title: str) -> bytes:
    """How many units' team beads moved how far since the previous round, every theme together."""
    chart = new_chart(
        pygal.Bar,
        title=title,
        no_data=str(NO_DATA),
        height=440,
        show_legend=False,
        print_values=True,
        x_label_rotation=20,
    )
    every = overview.distance[0] if overview.distance else None
    if every is not None and every.shown and every.counts is not None:
        chart.x_labels = [str(label) for label, _low, _high in BUCKETS]
        chart.add(_("Beads"), list(every.counts))
    return bytes(chart.render())


def data_uri(svg: bytes) -> str:
    """An SVG for an ``<img>`` in the page: the policy's ``img-src`` allows ``data:``, and an image runs no script."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
