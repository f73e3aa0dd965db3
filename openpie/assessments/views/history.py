"""A unit's rounds over time: the list, a chart of the team's positions per thread, and the same as a table."""

from __future__ import annotations

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.assessments.reports.charts import history_chart
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import UnitHistory, unit_history
from openpie.frameworks.models import Framework
from openpie.organisations.access import get_unit_for_user
from openpie.organisations.views import unit_breadcrumbs


@login_required
def history(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, action="round.view")
    found = unit_history(unit)
    context = {
        "unit": unit,
        "history": found,
        "table": history_table(found, _frameworks(found)),
        "rounds": list(reversed(found.rows)),
        "breadcrumbs": unit_breadcrumbs(request.user, unit, current=_("Rounds over time")),
    }
    return render(request, "assessments/history.html", context)


# The SVG is an image: no scripts at all, and only its own inline styles.
@csp({"default-src": [NONE], "style-src": [UNSAFE_INLINE]})  # type: ignore[arg-type]  # typed for request-only views
@login_required
def history_chart_svg(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, action="round.view")
    found = unit_history(unit)
    framework = _frameworks(found).get(found.rows[-1].round.framework_id) if found.rows else None
    levels = list(framework.levels) if framework else ["Poor?", "Basic", "Progressing", "Advanced"]
    per_level = framework.positions_per_level if framework else 5
    title = _("%(unit)s: the team's position on each thread, round by round") % {"unit": unit.name}
    svg = history_chart(found, levels=levels, per_level=per_level, title=title)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


def _frameworks(found: UnitHistory) -> dict[int, Framework]:
    """The scales of the unit's rounds, fetched in one query however many rounds there are."""
    return Framework.objects.in_bulk({row.round.framework_id for row in found.rows})


def history_table(found: UnitHistory, frameworks: dict[int, Framework]) -> list[dict[str, object]]:
    """Rows of the data table: per round, per thread, the position in words ("Basic 2") and the barriers."""
    rows = []
    for row in found.rows:
        framework = frameworks[row.round.framework_id]
        scale = Scale.of(framework)
        cells = []
        for key, _name in found.threads:
            position = row.positions.get(key)
            cells.append(
                {
                    "taken": key in row.positions,
                    "place": scale.brief(position) if position else "",
                    "barriers": row.barrier_counts.get(key, 0),
                }
            )
        rows.append({"round": row.round, "cells": cells})
    return rows


urlpatterns: list[URLPattern] = [
    path("units/<int:unit_id>/history/", history, name="history"),
    path("units/<int:unit_id>/history/chart.svg", history_chart_svg, name="history-chart"),
]
