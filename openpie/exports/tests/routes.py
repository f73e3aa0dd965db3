"""The export pages' rows of the page access table (openpie/organisations/tests/test_access_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

EXPORT_ROUTES: dict[str, Route | str] = {
    "exports:round": Route("export.create", "service", lambda w: reverse("exports:round", args=[w.round.round.pk])),
    # A unit's export: its own members', or the overview of a unit shared with the person's organisation.
    "exports:unit": Route(
        "export.create", "service", lambda w: reverse("exports:unit", args=[w.tree.service.pk]), "overview"
    ),
    "exports:research": Route(
        "research.extract", "root", lambda w: reverse("exports:research", args=[w.tree.organisation.pk])
    ),
    "exports:register": "signed in: the register's own scoping (only barriers the person may see)",
    "exports:list": "signed in: only the person's own exports",
    "exports:detail": "signed in: only the person's own exports, else 404 (exports test_views)",
    "exports:download": "only the person who asked, before expiry, else 404 (exports test_views)",
}
