"""The overview at any unit: filters, the level below first, a row per theme and element, charts beside tables."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.insights import rows
from openpie.insights.access import OverviewUnit, get_overview_unit_for_user
from openpie.insights.forms import OverviewFilterForm
from openpie.insights.selectors import BUCKETS, Overview, OverviewFilters, locality_choices, unit_overview
from openpie.organisations.models import Unit
from openpie.organisations.views import unit_breadcrumbs


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
    current = _("Overview of everything below")
    if found.shared:
        return [(found.unit.organisation.name, ""), (found.unit.name, ""), (current, "")]
    return unit_breadcrumbs(user, found.unit, current=current)


@login_required
def overview(request: AuthedRequest, unit_id: int) -> HttpResponse:
    found_unit = get_overview_unit_for_user(request.user, unit_id)
    unit = found_unit.unit
    form = _form(request, unit)
    found = _overview(request, unit, form)
    every_unit = request.GET.get("units") == "all"
    context = {
        "unit": unit,
        "form": form,
        "overview": found,
        "rows": rows.thread_rows(found) if found else {},
        "progress_rows": rows.progress_rows(found) if found else [],
        "regions": rows.region_page(found, request.GET.get("page")) if found else None,
        "unit_page": _unit_page(request, found, every_unit),
        "every_unit": every_unit,
        "units_inline": rows.UNITS_INLINE,
        "charts": rows.chart_images(found) if found else {},
        "buckets": [label for label, _low, _high in BUCKETS],
        "query": _query(request, drop=("page", "units", "upage")),
        "banners": found_unit.banners,
        "shared": found_unit.shared,
        "breadcrumbs": _crumbs(request.user, found_unit),
    }
    return render(request, "insights/overview.html", context, status=200 if found else 400)


def _unit_page(request: AuthedRequest, found: Overview | None, every_unit: bool) -> Page[rows.UnitLine] | None:
    """Each unit's own line (inside the organisation only): at once when few, else on request, a page at a time."""
    if found is None or not found.drill_down or not (every_unit or found.units_counted <= rows.UNITS_INLINE):
        return None
    return rows.unit_page(found, request.GET.get("upage"))


def _query(request: AuthedRequest, *, drop: tuple[str, ...]) -> str:
    """The filters of this request, to carry on links (without the paging)."""
    kept = request.GET.copy()
    for key in drop:
        kept.pop(key, None)
    return kept.urlencode()
