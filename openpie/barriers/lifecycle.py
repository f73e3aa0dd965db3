"""A barrier's life: open → answered → change agreed → change made → resolved (or no longer relevant).

A barrier stays open across rounds: ``round_next`` copies every still-open barrier into the next round
(``Factor.origin`` is the barrier as first raised), so it counts wherever the unit's scores show, until
the service marks it resolved or no longer relevant. The status lives on every copy alike; each change
is checked against its allowed source states, dated (``BarrierStatusChange``) and audited.

Who may move it: "answered" follows from a first response; "change agreed" and "change made" are for
the responder (barrier.respond) or the service (round.record at its unit); "resolved" and "no longer
relevant" are the service's alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.assessments.models import BarrierStatus, Factor
from openpie.audit.services import audit_record
from openpie.barriers.models import BarrierStatusChange
from openpie.organisations.access import can

S = BarrierStatus


@dataclass(frozen=True)
class Move:
    to: str
    allowed_from: frozenset[str]
    service_only: bool


MOVES: dict[str, Move] = {
    S.ANSWERED: Move(S.ANSWERED, frozenset({S.OPEN}), service_only=False),
    S.CHANGE_AGREED: Move(S.CHANGE_AGREED, frozenset({S.OPEN, S.ANSWERED}), service_only=False),
    S.CHANGE_MADE: Move(S.CHANGE_MADE, frozenset({S.OPEN, S.ANSWERED, S.CHANGE_AGREED}), service_only=False),
    S.RESOLVED: Move(S.RESOLVED, frozenset({S.OPEN, S.ANSWERED, S.CHANGE_AGREED, S.CHANGE_MADE}), service_only=True),
    S.NO_LONGER_RELEVANT: Move(
        S.NO_LONGER_RELEVANT, frozenset({S.OPEN, S.ANSWERED, S.CHANGE_AGREED, S.CHANGE_MADE}), service_only=True
    ),
}
# Chosen on the barrier's page ("answered" is never chosen: a first response sets it).
CHOSEN = (S.CHANGE_AGREED, S.CHANGE_MADE, S.RESOLVED, S.NO_LONGER_RELEVANT)


def is_service(user: Any, factor: Factor) -> bool:
    return can(user, "round.record", factor.thread.round.unit)


def moves_for(user: Any, factor: Factor, *, may_respond: bool) -> list[str]:
    """The statuses this person may set on the barrier now."""
    service = is_service(user, factor)
    return [
        to
        for to in CHOSEN
        if factor.barrier_status in MOVES[to].allowed_from and (service or (may_respond and not MOVES[to].service_only))
    ]


def _chain(factor: Factor) -> Q:
    origin = factor.barrier_id
    return Q(pk=origin) | Q(origin_id=origin)


@transaction.atomic
def barrier_status_set(
    *, factor: Factor, to: str, by: Any, organisation: Any = None, may_respond: bool = False
) -> Factor:
    """Move the barrier (and every round's copy of it) to ``to``, only from an allowed status."""
    move = MOVES.get(to)
    if move is None:
        raise ValidationError({"to": _("Choose where this barrier has got to")})
    if move.service_only and by is not None and not is_service(by, factor):
        raise PermissionDenied(_("Only the service marks its barrier resolved or no longer relevant."))
    chosen = not move.service_only and to != S.ANSWERED and by is not None
    if chosen and not (may_respond or is_service(by, factor)):
        raise PermissionDenied(_("Only the responder or the service can say a change was agreed or made."))
    now = timezone.now()
    changed = Factor.objects.filter(_chain(factor), barrier_status__in=move.allowed_from).update(
        barrier_status=to, barrier_status_at=now
    )
    if not changed:
        allowed = _(" or ").join(sorted(str(S(s).label).lower() for s in move.allowed_from))
        raise ValidationError(
            _("This barrier is %(status)s; it must be %(allowed)s for this.")
            % {"status": str(factor.get_barrier_status_display()).lower(), "allowed": allowed}
        )
    BarrierStatusChange.objects.create(
        factor_id=factor.barrier_id, status=to, changed_at=now, changed_by=by, organisation=organisation
    )
    audit_record(
        actor=by,
        action="barrier.status",
        target=factor,
        organisation=factor.thread.round.unit.organisation_id,
        status=to,
        was=factor.barrier_status,
    )
    factor.barrier_status, factor.barrier_status_at = to, now
    return factor
