"""The relationships view's rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

RELATIONSHIP_ROUTES: dict[str, Route | str] = {
    "relationships:round": Route(
        "round.view", "service", lambda w: reverse("relationships:round", args=[w.round.round.pk])
    ),
    "relationships:unit": Route(
        "overview.view", "service", lambda w: reverse("relationships:unit", args=[w.tree.service.pk])
    ),
    "relationships:words": Route(
        "framework.customise",
        "root",
        lambda w: reverse("relationships:words", args=[w.tree.organisation.pk, w.framework.pk]),
    ),
}
