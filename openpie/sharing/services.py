"""Every change to a sharing grant: ask, accept, decline, revoke, relinquish.

Each state change is one conditional UPDATE from its allowed source states, so two
people deciding at once cannot both win; each writes an audit event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.audit.services import audit_record
from openpie.organisations.models import PROVIDER_KINDS, Organisation, Unit
from openpie.sharing import emails
from openpie.sharing.models import SharingGrant

if TYPE_CHECKING:
    from openpie.accounts.models import User

State = SharingGrant.State


# Why a change cannot happen now, by the change: the grant's state is named in it.
CANNOT = {
    "accepted": gettext_lazy("This grant is %(state)s, so it cannot be accepted."),
    "declined": gettext_lazy("This grant is %(state)s, so it cannot be declined."),
    "revoked": gettext_lazy("This grant is %(state)s, so it cannot be revoked."),
    "given up": gettext_lazy("This grant is %(state)s, so it cannot be given up."),
}


class GrantStateError(ValidationError):
    """The grant is no longer in a state that allows this change (the API answers 409)."""


def requested_unit(*, granter: Organisation, name: str = "") -> Unit:
    """The unit asked for: the granter's top unit, or its one unit with this name."""
    units = Unit.objects.filter(organisation=granter)
    if not name.strip():
        return units.get(parent__isnull=True)
    matches = list(units.filter(name__iexact=name.strip())[:2])
    if len(matches) != 1:
        raise ValidationError(
            {
                "unit": _("%(organisation)s has no one unit called “%(name)s”: check the name.")
                % {"organisation": granter.name, "name": name.strip()}
            }
        )
    return matches[0]


def agencies_to_ask(*, grantee: Organisation) -> models.QuerySet[Organisation]:
    """Organisations that may be asked to share: those that provide services (a service provider, network or
    partnership) on the installation, not the asker."""
    return Organisation.objects.filter(kind__in=PROVIDER_KINDS).exclude(pk=grantee.pk)


@transaction.atomic
def grant_request(*, grantee: Organisation, unit: Unit, scope: str, by: User | Any, note: str = "") -> SharingGrant:
    """The grantee asks the unit's organisation to share the unit's subtree."""
    if unit.organisation_id == grantee.pk:
        raise ValidationError({"organisation": _("Choose another organisation: yours already sees its own data.")})
    if scope not in SharingGrant.Scope.values:
        raise ValidationError({"scope": _("Choose what to share: overview, barriers or both.")})
    if SharingGrant.objects.live().filter(unit=unit, grantee=grantee).exists():
        raise ValidationError({"unit": _("There is already a request or an accepted grant for this.")})
    try:
        with transaction.atomic():
            grant = SharingGrant.objects.create(
                granter_id=unit.organisation_id, unit=unit, grantee=grantee, scope=scope, note=note, requested_by=by
            )
    except IntegrityError:
        raise ValidationError({"unit": _("There is already a request or an accepted grant for this.")}) from None
    _audit(grant, by, "sharing.grant_request", organisation=grantee)
    emails.tell_granter_admins(grant)
    return grant


def _audit(grant: SharingGrant, by: Any, action: str, *, organisation: Organisation) -> None:
    audit_record(
        actor=by,
        action=action,
        target=grant,
        organisation=organisation,
        granter=grant.granter_id,
        grantee=grant.grantee_id,
        unit=grant.unit_id,
        scope=grant.scope,
    )


def _move(grant: SharingGrant, *, source: tuple[str, ...], to: str, verb: str, **fields: Any) -> None:
    """The conditional UPDATE: only from an allowed state; a stale grant is a clear error."""
    changed = SharingGrant.objects.filter(pk=grant.pk, state__in=source).update(state=to, **fields)
    if not changed:
        current = SharingGrant.objects.filter(pk=grant.pk).values_list("state", flat=True).first()
        state = SharingGrant.State(current).label.lower() if current else _("gone")
        raise GrantStateError(CANNOT[verb] % {"state": state})
    grant.refresh_from_db()


@transaction.atomic
def grant_accept(*, grant: SharingGrant, by: User | Any, unit: Unit | None = None) -> SharingGrant:
    """The granter agrees, optionally narrowing what is shared to a unit below the one asked for."""
    unit = unit or grant.unit
    if not (unit.organisation_id == grant.granter_id and unit.is_at_or_below(grant.unit)):
        raise ValidationError({"unit": _("Choose the unit asked for or one below it.")})
    if unit.pk != grant.unit_id and SharingGrant.objects.live().filter(unit=unit, grantee=grant.grantee_id).exists():
        raise ValidationError({"unit": _("This organisation already has a grant for that unit.")})
    now = timezone.now()
    _move(
        grant, source=(State.REQUESTED,), to=State.ACCEPTED, verb="accepted", unit=unit, decided_by=by, decided_at=now
    )
    _audit(grant, by, "sharing.grant_accept", organisation=grant.granter)
    emails.tell_requester(grant)
    return grant


@transaction.atomic
def grant_decline(*, grant: SharingGrant, by: User | Any) -> SharingGrant:
    now = timezone.now()
    _move(grant, source=(State.REQUESTED,), to=State.DECLINED, verb="declined", decided_by=by, decided_at=now)
    _audit(grant, by, "sharing.grant_decline", organisation=grant.granter)
    emails.tell_requester(grant)
    return grant


@transaction.atomic
def grant_revoke(*, grant: SharingGrant, by: User | Any) -> SharingGrant:
    """The granter stops sharing. Nothing is cached, so it takes effect on the next request."""
    now = timezone.now()
    _move(grant, source=(State.ACCEPTED,), to=State.REVOKED, verb="revoked", revoked_by=by, revoked_at=now)
    _audit(grant, by, "sharing.grant_revoke", organisation=grant.granter)
    return grant


@transaction.atomic
def grant_relinquish(*, grant: SharingGrant, by: User | Any) -> SharingGrant:
    """The grantee gives up a grant (or withdraws its request): it ends as revoked, by them."""
    now = timezone.now()
    _move(grant, source=SharingGrant.LIVE_STATES, to=State.REVOKED, verb="given up", revoked_by=by, revoked_at=now)
    _audit(grant, by, "sharing.grant_relinquish", organisation=grant.grantee)
    return grant
