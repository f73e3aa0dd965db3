"""Every operation of the relationships API (for the schema coverage check in openpie/api/tests)."""

from __future__ import annotations

from openpie.api.tests.conftest import API

RELATIONSHIP_OPERATIONS = [
    ("GET", f"{API}/rounds/{{round_id}}/relationships"),
    ("GET", f"{API}/units/{{unit_id}}/relationships"),
]
