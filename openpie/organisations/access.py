"""Access helpers: the one way views and API operations reach organisation data.

- An object outside what the person may see raises ``Http404`` (never 403, so
  nothing about other organisations is revealed).
- An object they may see but not change raises ``PermissionDenied`` (403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from openpie.organisations.models import Organisation, Unit, forget_memberships, memberships_for  # noqa: F401 (offered to every app)
from openpie.organisations.permissions import roles_allowed

if TYPE_CHECKING:
    from openpie.accounts.models import User


def roles_at(user: User | Any, unit: Unit) -> set[str]:
    """Roles the person holds at this unit or at any unit above it."""
    return {m.role for m in memberships_for(user) if unit.is_at_or_below(m.unit)}


def can(user: User | Any, action: str, unit: Unit) -> bool:
    return bool(roles_at(user, unit) & roles_allowed(action))


def require(user: User | Any, action: str, unit: Unit) -> None:
    if not can(user, action, unit):
        raise PermissionDenied(_("You cannot do this here (%(action)s).") % {"action": action})


def get_unit_for_user(user: User | Any, pk: int, *, action: str = "unit.view") -> Unit:
    unit = Unit.objects.visible_to(user).select_related("organisation", "parent").filter(pk=pk).first()
    if unit is None:
        raise Http404(_("No such unit."))
    require(user, action, unit)
    return unit


def organisation_root(organisation: Organisation) -> Unit:
    return Unit.objects.get(organisation=organisation, parent__isnull=True)


def get_organisation_for_user(user: User | Any, pk: int, *, action: str = "organisation.view") -> Organisation:
    """The organisation, if the person belongs to it.

    Any member may view (``*.view`` actions); other organisation-wide actions need the
    role at the organisation's top unit.
    """
    organisation = Organisation.objects.visible_to(user).filter(pk=pk).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    if not action.endswith(".view"):
        require(user, action, organisation_root(organisation))
    return organisation
