"""The barriers register's rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

BARRIER_ROUTES: dict[str, Route | str] = {
    "barriers:detail": Route(
        "barrier.view",
        "service",
        lambda w: reverse("barriers:detail", args=[w.round.barrier.pk]),
        "barriers",
        reach="barrier.view",
    ),
    "barriers:register": "signed in: counts only barriers in units the person may read (barriers tests)",
    "barriers:register-chart": "signed in: the register's figures, as the register (barriers tests)",
    "barriers:kind": "signed in: lists only barriers in units the person may read (barriers tests)",
    "barriers:status": "barrier.view to reach it, then barrier.respond or round.record at its unit; read-only 403,"
    " outsider 404 (barriers test_lifecycle_views)",
    "barriers:calls": "call.start as a commissioner, or an admin of a commissioning organisation; others 403"
    " (barriers test_calls)",
    "barriers:call": "the calling organisation's own calls only (another's 404), call.start as for barriers:calls"
    " (barriers test_calls)",
    "barriers:notifications": "signed in: own notifications only (barriers tests)",
}
