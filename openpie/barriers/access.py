"""Reaching a barrier: through the person's register (their own units, and units shared with them).

Outside the register → 404. Inside it without the action's role → 403. In the person's own
organisation the role must apply at the barrier's unit; for a unit another organisation shares
with them, the role must be held at the top of their own organisation (a commissioner, say).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from openpie.assessments.models import Factor, Round
from openpie.barriers.selectors import register_units
from openpie.organisations.access import can, memberships_for
from openpie.organisations.permissions import roles_allowed


def may(user: Any, action: str, factor: Factor) -> bool:
    unit = factor.thread.round.unit
    if unit.organisation_id in {m.unit.organisation_id for m in memberships_for(user)}:
        return can(user, action, unit)
    if action == "barrier.view":  # the unit is shared with the person (get_barrier_for_user checked it)
        return True
    allowed = roles_allowed(action)
    return any(m.unit.parent_id is None and m.role in allowed for m in memberships_for(user))


def get_barrier_for_user(user: Any, pk: int, *, action: str = "barrier.view") -> Factor:
    factor = (
        Factor.objects.filter(
            pk=pk,
            effect=Factor.Effect.HINDERS,
            control=Factor.Control.OUTSIDE,
            thread__round__unit__in=register_units(user),
        )
        .exclude(thread__round__state=Round.State.DRAFT)
        .select_related("thread", "thread__round", "thread__round__unit", "thread__round__unit__organisation")
        .first()
    )
    if factor is None:
        raise Http404(_("No such barrier."))
    if not may(user, action, factor):
        raise PermissionDenied(_("You cannot do this here (%(action)s).") % {"action": action})
    return factor
