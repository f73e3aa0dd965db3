"""The practice library's rows of the page access table (test_access_matrix).

Its pages are not tied to one unit: reading needs a membership of any organisation, sharing
``practice.share`` at the chosen unit, moderating ``practice.moderate`` at the organisation's top unit.
"""

from __future__ import annotations

from openpie.organisations.tests.route import Route

PRACTICE_ROUTES: dict[str, Route | str] = {
    "practice:library": "signed in: published examples one may read, anonymous ones without names (practice tests)",
    "practice:detail": "an example the person may read, else 404 (practice test_moderation, test_anonymity)",
    "practice:new": "practice.share at a unit of one's own (practice test_views)",
    "practice:mine": "signed in: own examples only",
    "practice:queue": "practice.moderate at an organisation's top unit, or a platform admin (practice tests)",
    "practice:edit": "the author only: others 403, outsiders 404 (practice test_views)",
    "practice:submit": "the author only, POST (practice test_views)",
    "practice:withdraw": "the author only (practice test_views)",
    "practice:moderate": "practice.moderate of the example's organisation (practice test_moderation)",
}
