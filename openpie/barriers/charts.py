"""The register's trend as a pygal line chart: barriers per quarter, one line per kind.

An image always shown beside a data table with the same figures. Readable in greyscale: each
line has its own dash pattern and a lightness of its own, not only a hue.
"""

from __future__ import annotations

import pygal
from django.utils.translation import gettext as _

from openpie.assessments.reports.charts import DASHES, dashed, new_chart
from openpie.barriers.selectors import Register


def trend_chart(register: Register, *, title: str | None = None) -> bytes:
    chart = new_chart(
        pygal.Line,
        title=title or _("Barriers raised per quarter"),
        no_data=_("No barriers yet"),
        show_y_guides=True,
        x_label_rotation=0,
        truncate_legend=-1,
        legend_at_bottom=True,
        dots_size=4,
        min_scale=1,
        value_formatter=lambda v: f"{v:.0f}",
    )
    chart.x_labels = register.quarter_labels
    highest = max((max(row.trend, default=0) for row in register.rows), default=0)
    if register.rows:  # whole numbers only: barriers are counted, never fractions of one
        chart.y_labels = list(range(0, highest + 1, max(1, (highest + 9) // 10)))
    for index, row in enumerate(register.rows[: len(DASHES)]):
        chart.add(row.name, row.trend, stroke_style=dashed(index))
    return bytes(chart.render())
