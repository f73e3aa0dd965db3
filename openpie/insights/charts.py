"""The overview's charts as SVG images (pygal, no scripts), each beside a table with the same figures.

Readable in greyscale: every series has its own marker and line pattern, and the values are
labelled, so nothing depends on colour alone.
"""

from __future__ import annotations

import pygal

from openpie.assessments.reports.charts import STYLE, without_scripts, y_labels
from openpie.insights.selectors import BUCKETS, Overview, ThreadOverview

DASHES = ("", "8, 4", "2, 4", "12, 4, 2, 4", "4, 2", "1, 2", "16, 6")


def _levels(overview: Overview) -> tuple[list[str], int]:
    return list(overview.scale.levels), overview.scale.per_level


def spread_chart(overview: Overview, threads: list[ThreadOverview], *, title: str) -> bytes:
    """One box per thread: the teams' positions across units (range, middle half, median); hidden threads left out."""
    levels, per_level = _levels(overview)
    chart = pygal.Box(
        js=[],
        style=STYLE,
        title=title,
        width=800,
        height=440,
        explicit_size=True,
        box_mode="extremes",
        range=(1, len(levels) * per_level),
        show_legend=False,
        truncate_label=-1,
        x_label_rotation=20,
        no_data_text="Too few units to show",
        value_formatter=lambda v: overview.scale.brief(max(1, min(overview.scale.count, round(v)))),
    )
    chart.add_xml_filter(without_scripts)
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
    chart = pygal.Line(
        js=[],
        style=STYLE,
        title=title,
        width=800,
        height=440,
        explicit_size=True,
        range=(1, len(levels) * per_level),
        allow_interruptions=True,
        legend_at_bottom=True,
        truncate_legend=-1,
        print_values=False,
        dots_size=5,
        no_data_text="Too few units to show",
        value_formatter=lambda v: overview.scale.brief(max(1, min(overview.scale.count, round(v)))),
    )
    chart.add_xml_filter(without_scripts)
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
        dash = DASHES[index % len(DASHES)]
        chart.add(name, values, stroke_style={"width": 3, "dasharray": dash} if dash else {"width": 3})
    return bytes(chart.render())


def distance_chart(overview: Overview, *, title: str) -> bytes:
    """How many units' team beads moved how far since the previous round, every theme together."""
    chart = pygal.Bar(
        js=[],
        style=STYLE,
        title=title,
        width=800,
        height=440,
        explicit_size=True,
        show_legend=False,
        print_values=True,
        x_label_rotation=20,
        truncate_label=-1,
        no_data_text="Too few units to show",
    )
    chart.add_xml_filter(without_scripts)
    every = overview.distance[0] if overview.distance else None
    if every is not None and every.shown and every.counts is not None:
        chart.x_labels = [label for label, _low, _high in BUCKETS]
        chart.add("Beads", list(every.counts))
    return bytes(chart.render())
