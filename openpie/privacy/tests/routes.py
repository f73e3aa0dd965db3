"""Data rights' rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

PRIVACY_ROUTES: dict[str, Route | str] = {
    "privacy:retention": Route(
        "organisation.change", "root", lambda w: reverse("privacy:retention", args=[w.tree.organisation.pk])
    ),
    "privacy:person": Route("privacy.manage", "root", lambda w: reverse("privacy:person", args=[w.people.reader.pk])),
    "privacy:person-download": Route(
        "privacy.manage", "root", lambda w: reverse("privacy:person-download", args=[w.people.reader.pk, "json"])
    ),
    "privacy:erase": Route("privacy.manage", "root", lambda w: reverse("privacy:erase", args=[w.people.reader.pk])),
    "privacy:notice": "public",
    "privacy:mine": "signed in: own data only",
    "privacy:mine-download": "signed in: own data only (privacy tests)",
}
