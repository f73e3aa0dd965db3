"""The overview at any unit: filters, a row per theme and element, charts beside tables, and the drill-down."""

from __future__ import annotations

from typing import Any

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from openpie.common.http import AuthedRequest
from openpie.insights import charts
from openpie.insights.access import OverviewUnit, get_overview_unit_for_user
from openpie.insights.forms import OverviewFilterForm
from openpie.insights.selectors import (
    BUCKETS,
    Overview,
    OverviewFilters,
    ThreadOverview,
    gap_words,
    locality_choices,
    unit_overview,
    words,
)
from openpie.organisations.models import Unit
from openpie.organisations.views import unit_breadcrumbs

CHARTS = ("themes", "elements", "progress", "distance")


def _form(request: AuthedRequest, unit: Unit) -> OverviewFilterForm:
    return OverviewFilterForm(request.GET or None, unit=unit, localities=locality_choices(unit))


def _overview(request: AuthedRequest, unit: Unit, form: OverviewFilterForm) -> Overview | None:
    if form.is_bound and not form.is_valid():
        return None
    if not form.is_bound:
        return unit_overview(unit=unit, viewer=request.user, filters=OverviewFilters())
    return unit_overview(unit=unit, viewer=request.user, filters=form.filters(), period=form.period())


def _crumbs(user: Any, found: OverviewUnit) -> list[tuple[str, str]]:
    """A shared unit's place in the other organisation's tree is not shown: only its own name."""
    current = "Overview of everything below"
    if found.shared:
        return [(found.unit.organisation.name, ""), (found.unit.name, ""), (current, "")]
    return unit_breadcrumbs(user, found.unit, current=current)


@login_required
def overview(request: AuthedRequest, unit_id: int) -> HttpResponse:
    found_unit = get_overview_unit_for_user(request.user, unit_id)
    unit = found_unit.unit
    form = _form(request, unit)
    found = _overview(request, unit, form)
    context = {
        "unit": unit,
        "form": form,
        "overview": found,
        "rows": _rows(found) if found else {},
        "progress_rows": _progress_rows(found) if found else [],
        "buckets": [label for label, _low, _high in BUCKETS],
        "query": request.GET.urlencode(),
        "banners": found_unit.banners,
        "shared": found_unit.shared,
        "breadcrumbs": _crumbs(request.user, found_unit),
    }
    return render(request, "insights/overview.html", context, status=200 if found else 400)


def _rows(found: Overview) -> dict[str, list[dict[str, object]]]:
    """The figures of each thread in words, for the tables."""
    scale = found.scale

    def row(t: ThreadOverview) -> dict[str, object]:
        spread = t.teams.spread
        return {
            "thread": t,
            "median": words(scale, spread.median) if spread else "",
            "middle": f"{words(scale, spread.lower_quartile)} to {words(scale, spread.upper_quartile)}"
            if spread
            else "",
            "range": f"{scale.brief(spread.lowest)} to {scale.brief(spread.highest)}" if spread else "",
            "target_gap": gap_words(t.target_gap.median),
            "staff": words(scale, t.staff.median),
            "service_users": words(scale, t.service_users.median),
            "voices_gap": gap_words(t.staff_service_user_gap),
            "units": [(u, scale.brief(u.position) if u.position else "") for u in t.units],
        }

    return {"themes": [row(t) for t in found.themes], "elements": [row(t) for t in found.elements]}


def _progress_rows(found: Overview) -> list[tuple[str, list[str]]]:
    """Per quarter, the median per theme in words ("" when too few units)."""
    medians = {(p.quarter, p.theme_key): p.group.median for p in found.progress}
    return [(q, [words(found.scale, medians.get((q, t.key))) for t in found.themes]) for q in found.quarters]


# The SVG is an image: no scripts at all, and only its own inline styles.
@csp({"default-src": [NONE], "style-src": [UNSAFE_INLINE]})  # type: ignore[arg-type]  # typed for request-only views
@login_required
def overview_chart(request: AuthedRequest, unit_id: int, which: str) -> HttpResponse:
    unit = get_overview_unit_for_user(request.user, unit_id).unit
    if which not in CHARTS:
        raise Http404("No such chart.")
    found = _overview(request, unit, _form(request, unit))
    if found is None:
        return HttpResponse("The filters are not valid.", status=400, content_type="text/plain")
    if which == "progress":
        svg = charts.progress_chart(found, title=f"{unit.name}: median team position per theme, quarter by quarter")
    elif which == "distance":
        svg = charts.distance_chart(found, title=f"{unit.name}: distance travelled since the previous round")
    else:
        threads = found.themes if which == "themes" else found.elements
        svg = charts.spread_chart(found, threads, title=f"{unit.name}: team positions across units, per {which[:-1]}")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response
