"""The audit trail's rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

AUDIT_ROUTES: dict[str, Route | str] = {
    "audit:list": Route("audit.view", "root", lambda w: reverse("audit:list", args=[w.tree.organisation.pk])),
    "audit:export": Route("audit.view", "root", lambda w: reverse("audit:export", args=[w.tree.organisation.pk])),
}
