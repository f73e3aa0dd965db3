"""Access helpers for rounds and everything recorded in them.

Every view and API operation reaches a round, or an item in one, through these:
another organisation's round (or one above the person's units) is a 404; an
action the person's role does not allow is a 403.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from openpie.assessments.models import Action, Evidence, Factor, Round, Thread, VotingSession
from openpie.organisations.access import can, require
from openpie.organisations.models import Unit

M = TypeVar("M", bound=models.Model)


def get_round_for_user(user: Any, pk: int, *, action: str = "round.view") -> Round:
    found = (
        Round.objects.visible_to(user)
        .select_related("unit", "unit__organisation", "framework", "previous")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such round.")
    require(user, action, found.unit)
    return found


def _get_in_round(user: Any, model: type[M], pk: int, *, round_path: str, action: str) -> M:
    """An item of a round the person may see, with its round (and unit) loaded."""
    visible_units = Unit.objects.visible_to(user)
    found = (
        model._default_manager.select_related(f"{round_path}__unit", f"{round_path}__framework")
        .filter(pk=pk, **{f"{round_path}__unit__in": visible_units})
        .first()
    )
    if found is None:
        raise Http404("No such item.")
    require(user, action, _round_of(found, round_path).unit)
    return found


def _round_of(item: models.Model, round_path: str) -> Round:
    obj: Any = item
    for part in round_path.split("__"):
        obj = getattr(obj, part)
    return obj


def get_thread_for_user(user: Any, pk: int, *, action: str = "round.view") -> Thread:
    return _get_in_round(user, Thread, pk, round_path="round", action=action)


def get_evidence_for_user(user: Any, pk: int, *, action: str = "round.view") -> Evidence:
    return _get_in_round(user, Evidence, pk, round_path="thread__round", action=action)


def get_factor_for_user(user: Any, pk: int, *, action: str = "round.view") -> Factor:
    return _get_in_round(user, Factor, pk, round_path="thread__round", action=action)


def get_action_for_user(user: Any, pk: int, *, action: str = "round.view") -> Action:
    return _get_in_round(user, Action, pk, round_path="round", action=action)


def round_of(item: Thread | Evidence | Factor | Action) -> Round:
    """The round an item belongs to (already loaded by the helpers above)."""
    if isinstance(item, Evidence | Factor):
        return item.thread.round
    return item.round


def can_see_overlay(user: Any, round_: Round) -> bool:
    """The overlay is for the lead (and managers) at any time, and for everyone on the round once it is
    in review or closed, or once a facilitated session has revealed it. While a session is running
    and not yet revealed, nobody sees anyone's beads."""
    live = VotingSession.objects.filter(round=round_, ended_at=None).first()
    if live is not None:
        return live.is_revealed
    if can(user, "round.overlay", round_.unit):
        return True
    if round_.state in {Round.State.IN_REVIEW, Round.State.CLOSED}:
        return True
    return VotingSession.objects.filter(round=round_).exclude(revealed_at=None).exists()


def require_overlay(user: Any, round_: Round) -> None:
    if not can_see_overlay(user, round_):
        raise PermissionDenied("The overlay is not shown yet.")
