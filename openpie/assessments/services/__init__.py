"""Writes for rounds: one service per change, each checking what it may change from.

- ``rounds``: starting a round, its state changes, the next round, growing a check-in.
- ``stages``: what the team records in the five stages (beads, evidence, factors, actions).
- ``edits``: the version check that stops two scribes silently overwriting each other.
- ``criteria``: the team's red / amber / green ratings of a thread's review criteria.
- ``files``: checking an uploaded file's real type and size.
"""

from openpie.assessments.services.criteria import RatingInput, criteria_ratings_record
from openpie.assessments.services.edits import EditConflictError
from openpie.assessments.services.rounds import (
    check_in_save,
    round_close,
    round_create,
    round_grow,
    round_next,
    round_open,
    round_reopen,
    round_submit,
)
from openpie.assessments.services.stages import (
    action_add,
    action_remove,
    action_update,
    evidence_add,
    evidence_remove,
    evidence_update,
    factor_add,
    factor_remove,
    factor_update,
    placement_record,
)

__all__ = [
    "EditConflictError",
    "RatingInput",
    "action_add",
    "action_remove",
    "action_update",
    "check_in_save",
    "criteria_ratings_record",
    "evidence_add",
    "evidence_remove",
    "evidence_update",
    "factor_add",
    "factor_remove",
    "factor_update",
    "placement_record",
    "round_close",
    "round_create",
    "round_grow",
    "round_next",
    "round_open",
    "round_reopen",
    "round_submit",
]
