from __future__ import annotations

from openpie.organisations.tests.route import Route

ROUTES: dict[str, Route | str] = {}
