"""The overview pages' rows of the page access table (openpie/organisations/tests/test_access_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

INSIGHT_ROUTES: dict[str, Route | str] = {
    "insights:overview": Route(
        "overview.view", "service", lambda w: reverse("insights:overview", args=[w.tree.service.pk]), "overview"
    ),
}
