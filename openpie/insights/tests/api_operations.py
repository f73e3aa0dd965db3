"""Every operation of the overview API, with a request that succeeds for the organisation admin
(listed in the coverage test, openpie/api/tests/test_api.py)."""

from __future__ import annotations

from openpie.assessments.tests.api_operations import RoundOperation

INSIGHT_OPERATIONS = [
    RoundOperation("GET", "/units/{unit}/overview", None, "overview.view"),
    RoundOperation(
        "GET", "/units/{unit}/overview?client_group=homelessness&date_from=2024-01-01", None, "overview.view"
    ),
]
