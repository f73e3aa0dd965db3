"""Rows of the page access table (test_access_matrix) for the sharing pages.

``w`` is the ``world`` fixture. The tree's organisation asks (as a grantee) on the request
page, and decides (as the granter) on a request a commissioning body made of it.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from openpie.organisations.tests.route import Route
from openpie.sharing.tests.conftest import make_county
from openpie.sharing.tests.factories import make_grant


def _decide_url(w: Any) -> str:
    county = make_county("Matrix County", "matrix-county")
    grant = make_grant(unit=w.tree.root, grantee=county.organisation, state="requested", by=county.commissioner)
    return reverse("sharing:decide", args=[grant.pk])


SHARING_ROUTES: dict[str, Route | str] = {
    "sharing:organisation": Route(
        "shared.view", "root", lambda w: reverse("sharing:organisation", args=[w.tree.organisation.pk])
    ),
    "sharing:request": Route(
        "grant.request", "root", lambda w: reverse("sharing:request", args=[w.tree.organisation.pk])
    ),
    "sharing:decide": Route("grant.decide", "root", _decide_url),
    "sharing:revoke": "POST only: grant.decide at the granter's top unit (sharing test_views)",
    "sharing:relinquish": "POST only: grant.request at the grantee's top unit (sharing test_views)",
}
