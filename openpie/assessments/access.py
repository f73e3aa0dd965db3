"""Access helpers for rounds and everything recorded in them.

Every view and API operation reaches a round, or an item in one, through these:
another organisation's round (or one above the person's units) is a 404; an
action the person's role does not allow is a 403.

Beads and contributions have an owner as well as a round, and nobody changes another's voice
(docs/adr/0015-ownership.md). The path says whose object it works on (``Owner``), and the owner is
part of the query that finds the object: the team-bead path finds only the round's TEAM beads, a
member's own-bead path only that member's own INDIVIDUAL beads, and so on. Anything else is a 404,
as if it did not exist, before any role is checked: it is not the person's to know about. Service
users' answers are reached only through their own participation session (openpie/participation),
a peer reviewer's proposals only through the reviewer's own review (openpie/reviews/access.py).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from openpie.assessments.models import (
    Action,
    Contribution,
    Evidence,
    Factor,
    Placement,
    Round,
    Thread,
    VotingSession,
)
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
        raise Http404(_("No such round."))
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
        raise Http404(_("No such item."))
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


class Owner(StrEnum):
    """Whose objects a path works on."""

    TEAM = "team"  # the round's TEAM contribution: the team's agreed view, for whoever records the round
    SELF = "self"  # the person's own INDIVIDUAL contribution, and nobody else's
    VOICES = "voices"  # anyone's own voice (a staff member's or a service user's), never the team's: moderation


def owned_by(user: Any, owner: Owner, *, prefix: str = "") -> dict[str, Any]:
    """The filter that keeps only the objects of ``owner`` (``prefix`` leads from the model to its contribution)."""
    kind, author = f"{prefix}kind", f"{prefix}author"
    if owner == Owner.TEAM:
        return {kind: Contribution.Kind.TEAM}
    if owner == Owner.SELF:
        return {kind: Contribution.Kind.INDIVIDUAL, author: getattr(user, "pk", None) or 0}
    return {f"{kind}__in": [Contribution.Kind.INDIVIDUAL, Contribution.Kind.SERVICE_USER]}


def get_placement_for_user(user: Any, pk: int, *, owner: Owner, action: str) -> Placement:
    """A bead of ``owner`` in a round the person may see, with its thread, round and contribution loaded.

    Another owner's bead is a 404 (found by nobody on this path), whatever the person's role; a bead
    of the right owner with a role that may not do ``action`` is a 403.
    """
    found = (
        Placement.objects.select_related(
            "contribution", "thread", "thread__round", "thread__round__unit", "thread__round__framework"
        )
        .filter(
            pk=pk,
            thread__round__unit__in=Unit.objects.visible_to(user),
            **owned_by(user, owner, prefix="contribution__"),
        )
        .first()
    )
    if found is None:
        raise Http404(_("No such bead."))
    require(user, action, found.thread.round.unit)
    found.contribution.round = found.thread.round
    return found


def get_contribution_for_user(user: Any, pk: int, *, owner: Owner, action: str) -> Contribution:
    """A contribution of ``owner`` in a round the person may see (another owner's is a 404)."""
    found = (
        Contribution.objects.select_related("round", "round__unit", "round__framework")
        .filter(pk=pk, round__unit__in=Unit.objects.visible_to(user), **owned_by(user, owner))
        .first()
    )
    if found is None:
        raise Http404(_("No such contribution."))
    require(user, action, found.round.unit)
    return found


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
        raise PermissionDenied(_("The overlay is not shown yet."))
