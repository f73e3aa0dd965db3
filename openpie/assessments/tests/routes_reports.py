"""The report, paper and history pages' rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route


def _round_page(name: str, action: str = "round.view") -> Route:
    return Route(action, "service", lambda w: reverse(name, args=[w.round.round.pk]))


def _unit_page(name: str) -> Route:
    return Route("round.view", "service", lambda w: reverse(name, args=[w.tree.service.pk]))


ROUTES: dict[str, Route | str] = {
    "assessments:report": _round_page("assessments:report"),
    "assessments:report-pdf": _round_page("assessments:report-pdf"),
    "assessments:paper-pack": _round_page("assessments:paper-pack"),
    "assessments:paper-entry": _round_page("assessments:paper-entry", "round.record"),
    "assessments:history": _unit_page("assessments:history"),
    "assessments:history-chart": _unit_page("assessments:history-chart"),
}
