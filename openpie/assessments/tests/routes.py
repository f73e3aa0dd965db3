"""The round pages' rows of the page access table (test_access_matrix), one file per area.

``w`` is the ``world`` fixture: ``w.round`` is a RoundWorld (a round in ``w.tree.service``
with one of everything) — see ``factories.make_round_world``.
"""

from __future__ import annotations

from openpie.assessments.tests.routes_reports import ROUTES as REPORT_ROUTES
from openpie.assessments.tests.routes_rounds import ROUTES as ROUND_ROUTES
from openpie.assessments.tests.routes_stages import ROUTES as STAGE_ROUTES
from openpie.assessments.tests.routes_voices import ROUTES as VOICE_ROUTES
from openpie.organisations.tests.route import Route

ASSESSMENT_ROUTES: dict[str, Route | str] = {**ROUND_ROUTES, **STAGE_ROUTES, **REPORT_ROUTES, **VOICE_ROUTES}
