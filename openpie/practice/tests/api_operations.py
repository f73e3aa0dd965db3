"""Every operation of the practice library API (for the schema coverage check in openpie/api/tests)."""

from __future__ import annotations

from openpie.api.tests.conftest import API

PRACTICE_OPERATIONS = [
    ("GET", f"{API}/practice/examples"),
    ("POST", f"{API}/practice/examples"),
    ("GET", f"{API}/practice/examples/{{example_id}}"),
    ("PUT", f"{API}/practice/examples/{{example_id}}"),
    ("POST", f"{API}/practice/examples/{{example_id}}/submit"),
    ("POST", f"{API}/practice/examples/{{example_id}}/moderation"),
    ("POST", f"{API}/practice/examples/{{example_id}}/withdraw"),
]
