"""Every operation of the sharing API (listed in the coverage test, openpie/api/tests/test_api.py).

Each is exercised in openpie/sharing/tests/test_api.py.
"""

from __future__ import annotations

from openpie.assessments.tests.api_operations import RoundOperation

SHARING_OPERATIONS = [
    RoundOperation("GET", "/organisations/{organisation_id}/grants", None, "shared.view"),
    RoundOperation("POST", "/organisations/{organisation_id}/grants", None, "grant.request"),
    *(
        RoundOperation("POST", f"/grants/{{grant_id}}/{verb}", None, "grant.decide", 200)
        for verb in ("accept", "decline", "revoke")
    ),
    RoundOperation("POST", "/grants/{grant_id}/relinquish", None, "grant.request", 200),
]
