"""The operations app's rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from openpie.organisations.tests.route import Route

OPERATIONS_ROUTES: dict[str, Route | str] = {
    "operations:healthz": "public: says only that the process answers; reads nothing (operations tests)",
    "operations:healthz-deep": "monitoring token only, else 404; reads no session (operations tests)",
    "operations:metrics": "monitoring token only, else 404; reads no session (operations tests)",
}
