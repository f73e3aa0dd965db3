"""The unit's history as a pygal line chart: the team's position per thread, round by round.

The chart is an image (served as ``image/svg+xml``) always shown beside a data table with the
same figures. It has no scripts: ``js=[]`` drops pygal's tooltip script, and the small config
script pygal still writes is removed from the tree before it is serialised.
"""

from __future__ import annotations

from typing import Any

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pygal.style import Style

from openpie.assessments.scale import Scale
from openpie.assessments.selectors import UnitHistory

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    font_family="DejaVu Sans, Arial, sans-serif",
    # Hues that also differ in lightness, so that lines can be told apart in greyscale.
    colors=("#0b0c0c", "#1d70b8", "#6f777b", "#24585e", "#b1b4b6", "#4c2c92", "#505a5f", "#85994b"),
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
)


# One dash pattern per line, so that no line depends on colour alone.
DASHES = ("", "12, 6", "3, 4", "12, 4, 3, 4", "20, 8", "2, 8", "8, 3", "16, 4, 4, 4, 4, 4")


def new_chart(kind: Any, *, title: str, no_data: str, height: int = 420, **options: Any) -> Any:
    """A pygal chart of ``kind`` in the house style, 800 wide, with no scripts in the SVG it renders."""
    chart = kind(
        js=[],
        style=STYLE,
        title=title,
        width=800,
        height=height,
        explicit_size=True,
        truncate_label=-1,
        no_data_text=no_data,
        **options,
    )
    chart.add_xml_filter(without_scripts)
    return chart


def dashed(index: int) -> dict[str, Any]:
    """The stroke of the ``index``-th line: its own dash pattern."""
    dash = DASHES[index % len(DASHES)]
    return {"width": 3, "dasharray": dash} if dash else {"width": 3}


def y_labels(levels: list[str], per_level: int) -> list[dict[str, Any]]:
    """A label at the first place of each level and at the very top: "Basic 1" … "Advanced 5"."""
    top = len(levels) * per_level
    values = [level * per_level + 1 for level in range(len(levels))] + [top]
    scale = Scale(levels=tuple(levels), per_level=per_level)
    return [{"label": scale.brief(v), "value": v} for v in values]


def history_chart(history: UnitHistory, *, levels: list[str], per_level: int, title: str) -> bytes:
    """The SVG of the team's positions per thread over the unit's rounds (gaps where a thread was not placed)."""
    chart = new_chart(
        pygal.Line,
        title=title,
        no_data=_("No rounds yet"),
        range=(1, len(levels) * per_level),
        allow_interruptions=True,
        show_y_guides=True,
        x_label_rotation=0,
        legend_at_bottom=True,
        dots_size=4,
        value_formatter=lambda v: Scale(levels=tuple(levels), per_level=per_level).brief(round(v)),
    )
    if history.rows and history.threads:  # pygal cannot place labels on an empty chart
        chart.y_labels = y_labels(levels, per_level)
    chart.x_labels = [date_format(row.round.held_on, "M Y") for row in history.rows]
    for index, (key, name) in enumerate(history.threads):
        chart.add(name, [row.positions.get(key) for row in history.rows], stroke_style=dashed(index))
    return bytes(chart.render())


def without_scripts(root: Any) -> Any:
    """A pygal ``xml_filters`` step: remove every <script> element from the SVG tree."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root
