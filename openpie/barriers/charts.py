"""The register's trend as a pygal line chart: barriers per quarter, one line per kind.

An image always shown beside a data table with the same figures. Readable in greyscale: each
line has its own dash pattern and a lightness of its own, not only a hue.
"""

from __future__ import annotations

import pygal
from pygal.style import Style

from openpie.assessments.reports.charts import without_scripts
from openpie.barriers.selectors import Register

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    font_family="DejaVu Sans, Arial, sans-serif",
    colors=("#0b0c0c", "#1d70b8", "#6f777b", "#24585e", "#b1b4b6", "#4c2c92", "#505a5f", "#85994b"),
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
)
DASHES = ("", "12, 6", "3, 4", "12, 4, 3, 4", "20, 8", "2, 8", "8, 3", "16, 4, 4, 4, 4, 4")


def trend_chart(register: Register, *, title: str = "Barriers raised per quarter") -> bytes:
    chart = pygal.Line(
        js=[],
        style=STYLE,
        title=title,
        width=800,
        height=420,
        explicit_size=True,
        show_y_guides=True,
        x_label_rotation=0,
        truncate_label=-1,
        truncate_legend=-1,
        legend_at_bottom=True,
        no_data_text="No barriers yet",
        dots_size=4,
        min_scale=1,
        value_formatter=lambda v: f"{v:.0f}",
    )
    chart.add_xml_filter(without_scripts)
    chart.x_labels = register.quarter_labels
    for index, row in enumerate(register.rows[: len(DASHES)]):
        dash = DASHES[index % len(DASHES)]
        chart.add(row.name, row.trend, stroke_style={"width": 3, "dasharray": dash} if dash else {"width": 3})
    return bytes(chart.render())
