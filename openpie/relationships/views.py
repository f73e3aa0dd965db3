"""The relationships view of a round, and of everything below a unit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from openpie.assessments.access import get_round_for_user
from openpie.assessments.views.common import round_context
from openpie.common.http import AuthedRequest
from openpie.organisations.access import get_unit_for_user
from openpie.organisations.views import unit_breadcrumbs
from openpie.relationships.selectors import round_relationships, unit_relationships

TITLE = "Relationships across every thread"


@login_required
@require_GET
def for_round(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    context = round_context(
        request, round_, current="relationships:round", relationships=round_relationships(round_=round_)
    )
    context["breadcrumbs"].append(("Relationships", ""))
    return render(request, "relationships/round.html", context)


@login_required
@require_GET
def for_unit(request: AuthedRequest, unit_id: int) -> HttpResponse:
    """Own organisation's units only: the words of evidence and actions are never shared outside it."""
    unit = get_unit_for_user(request.user, unit_id, action="overview.view")
    crumbs = unit_breadcrumbs(request.user, unit)
    crumbs += [("Overview of everything below", reverse("insights:overview", args=[unit.pk])), ("Relationships", "")]
    context = {
        "page_title": f"{TITLE}: {unit.name}",
        "unit": unit,
        "relationships": unit_relationships(unit=unit),
        "breadcrumbs": crumbs,
    }
    return render(request, "relationships/unit.html", context)
