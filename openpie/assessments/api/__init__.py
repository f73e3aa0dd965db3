"""API for rounds of the Pizazz: rounds and their states, beads, evidence, factors (barriers) and actions;
and many voices (staff members' own beads, the overlay, the agreed position).

Every operation is: access helper → service (or selector) → schema, as the HTML pages do.
Edits name the version they started from; a stale one is answered with 409 and both sides.
"""

from __future__ import annotations

from ninja import Router

from openpie.assessments.api import actions, criteria, rounds, stages, voices

router = Router(tags=["Rounds"])
router.add_router("", rounds.router)
router.add_router("", stages.router)
router.add_router("", actions.router)
router.add_router("", criteria.router)
router.add_router("", voices.router, tags=["Many voices"])
