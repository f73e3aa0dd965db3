"""Reads other apps use to show what other organisations share with a person.

Nothing here is cached between requests: a revoked grant stops sharing on the very
next call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from openpie.organisations.access import memberships_for
from openpie.organisations.models import Organisation, Unit, UnitQuerySet
from openpie.organisations.permissions import roles_allowed
from openpie.sharing.models import SharingGrant

if TYPE_CHECKING:
    from openpie.accounts.models import User

SCOPES = (SharingGrant.Scope.OVERVIEW, SharingGrant.Scope.BARRIERS)


@dataclass(frozen=True)
class Banner:
    """One plain sentence saying who shares what with whom."""

    granter: Organisation
    grantee: Organisation
    units: tuple[Unit, ...]
    scope: str

    @property
    def text(self) -> str:
        names = {"granter": self.granter.name, "grantee": self.grantee.name}
        if any(u.parent_id is None for u in self.units):
            if self.scope == SharingGrant.Scope.BARRIERS:
                return _("%(granter)s shares its barriers with %(grantee)s.") % names
            return _("%(granter)s shares its overview with %(grantee)s.") % names
        names["where"] = _below(self.units)
        if self.scope == SharingGrant.Scope.BARRIERS:
            return _("%(granter)s shares its barriers (%(where)s) with %(grantee)s.") % names
        return _("%(granter)s shares its overview (%(where)s) with %(grantee)s.") % names

    def __str__(self) -> str:
        return self.text


def _below(units: Iterable[Unit]) -> str:
    return ", ".join(_("%(unit)s and below") % {"unit": unit.name} for unit in units)


def _check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {list(SCOPES)}, not {scope!r}")


def receiving_organisation_ids(user: User | Any) -> set[int]:
    """Organisations in which the person may see what is shared: a shared.view role at the top unit."""
    allowed = roles_allowed("shared.view")
    return {m.unit.organisation_id for m in memberships_for(user) if m.unit.parent_id is None and m.role in allowed}


def own_organisation_ids(user: User | Any) -> set[int]:
    return {m.unit.organisation_id for m in memberships_for(user)}


def accepted_grants(user: User | Any, *, scope: str):  # type: ignore[no-untyped-def]
    """Accepted grants whose scope covers ``scope``, received by the person's organisations."""
    _check_scope(scope)
    return SharingGrant.objects.filter(
        state=SharingGrant.State.ACCEPTED,
        scope__in=SharingGrant.scopes_covering(scope),
        grantee_id__in=receiving_organisation_ids(user),
    )


def shared_units(user: User | Any, *, scope: str) -> UnitQuerySet:
    """Units of other organisations shared with the person (each grant's unit and its subtree). One query."""
    grants = accepted_grants(user, scope=scope)
    if not receiving_organisation_ids(user):
        return Unit.objects.none()
    covering = grants.filter(granter_id=OuterRef("organisation_id")).alias(
        shared_path=ExpressionWrapper(OuterRef("path"), output_field=CharField())
    )
    covering = covering.filter(shared_path__startswith=F("unit__path"))
    return Unit.objects.exclude(organisation_id__in=own_organisation_ids(user)).filter(Exists(covering))


def is_shared_unit(user: User | Any, unit: Unit, *, scope: str) -> bool:
    return shared_units(user, scope=scope).filter(pk=unit.pk).exists()


def sharing_banners(user: User | Any, *, scope: str, units: Iterable[Unit]) -> list[Banner]:
    """A sentence per granter for the units on a page that are shared with the person (not their own)."""
    own = own_organisation_ids(user)
    foreign = [unit for unit in units if unit.organisation_id not in own]
    if not foreign:
        return []
    grants = accepted_grants(user, scope=scope).filter(granter_id__in={u.organisation_id for u in foreign})
    grouped: dict[tuple[int, int], list[SharingGrant]] = {}
    for grant in grants.select_related("granter", "grantee", "unit").order_by("granter__name", "unit__path"):
        if any(u.organisation_id == grant.granter_id and u.is_at_or_below(grant.unit) for u in foreign):
            grouped.setdefault((grant.granter_id, grant.grantee_id), []).append(grant)
    return [
        Banner(granter=g[0].granter, grantee=g[0].grantee, units=tuple(x.unit for x in g), scope=scope)
        for g in grouped.values()
    ]


# Barriers register filters by area: a grant of one of these kinds of unit can be opened filtered to it.
AREA_KINDS = (Unit.Kind.ORGANISATION, Unit.Kind.REGION, Unit.Kind.LOCALITY)


@dataclass(frozen=True)
class SharedWithYou:
    """An accepted grant the person may open: where to see its overview and its barriers."""

    grant: SharingGrant
    overview_url: str
    barriers_url: str

    @property
    def where(self) -> str:
        unit = self.grant.unit
        if unit.parent_id is None:
            return self.grant.granter.name
        return _("%(organisation)s: %(unit)s and below") % {"organisation": self.grant.granter.name, "unit": unit.name}


def _shared_with_you(grant: SharingGrant) -> SharedWithYou:
    covers = SharingGrant.scopes_covering
    overview = reverse("insights:overview", args=[grant.unit_id]) if grant.scope in covers("overview") else ""
    barriers = ""
    if grant.scope in covers("barriers"):
        barriers = reverse("barriers:register")
        if grant.unit.kind in AREA_KINDS:
            barriers += f"?{urlencode({'locality': grant.unit_id})}"
    return SharedWithYou(grant=grant, overview_url=overview, barriers_url=barriers)


def shared_with_you(user: User | Any, *, organisation: Organisation | None = None) -> list[SharedWithYou]:
    """Accepted grants the person's organisations receive and the person may open (a shared.view role at
    the top unit), each with its links; only ``organisation``'s when given. One query."""
    receiving = receiving_organisation_ids(user)
    if organisation is not None:
        receiving &= {organisation.pk}
    if not receiving:
        return []
    grants = (
        SharingGrant.objects.filter(state=SharingGrant.State.ACCEPTED, grantee_id__in=receiving)
        .exclude(granter_id__in=own_organisation_ids(user))
        .select_related("granter", "grantee", "unit")
        .order_by("grantee__name", "granter__name", "unit__path")
    )
    return [_shared_with_you(grant) for grant in grants]
