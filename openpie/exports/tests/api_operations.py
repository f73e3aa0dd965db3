"""Every operation of the exports API (listed in the coverage test, openpie/api/tests/test_api.py;
tested in openpie/exports/tests/test_api.py)."""

from __future__ import annotations

from openpie.assessments.tests.api_operations import RoundOperation

EXPORT_OPERATIONS = [
    RoundOperation("POST", "/exports", {"kind": "round", "format": "csv", "target_id": "{round}"}, "export.create"),
    RoundOperation("GET", "/exports", None, "export.create"),
    RoundOperation("GET", "/exports/{export_id}", None, "export.create"),
]
