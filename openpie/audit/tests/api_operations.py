"""Every operation of the audit API (listed in the coverage test, openpie/api/tests/test_api.py).

Each is exercised in openpie/audit/tests/test_api.py.
"""

from __future__ import annotations

from openpie.assessments.tests.api_operations import RoundOperation

AUDIT_OPERATIONS = [RoundOperation("GET", "/organisations/{organisation_id}/audit-events", None, "audit.view")]
