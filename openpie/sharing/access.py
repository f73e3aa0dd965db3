"""Access to grants and to an organisation's sharing page.

Grants are visible to members of the two organisations involved (anyone else gets
404). Deciding needs grant.decide at the granter's top unit; asking or giving up a
grant needs grant.request at the grantee's top unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from openpie.organisations.access import get_organisation_for_user, memberships_for, organisation_root, require
from openpie.organisations.models import Organisation
from openpie.organisations.permissions import roles_allowed
from openpie.sharing.models import SharingGrant

if TYPE_CHECKING:
    from openpie.accounts.models import User


def may_view_sharing(user: User | Any, organisation: Organisation) -> bool:
    """A shared.view role anywhere in the organisation (the table's rule for *.view actions)."""
    allowed = roles_allowed("shared.view")
    return any(m.unit.organisation_id == organisation.pk and m.role in allowed for m in memberships_for(user))


def get_sharing_organisation_for_user(user: User | Any, pk: int, *, action: str = "shared.view") -> Organisation:
    organisation = get_organisation_for_user(user, pk)
    if action == "shared.view":
        if not may_view_sharing(user, organisation):
            raise PermissionDenied(_("You cannot see this organisation's sharing."))
    else:
        require(user, action, organisation_root(organisation))
    return organisation


def get_grant_for_user(user: User | Any, pk: int, *, action: str) -> SharingGrant:
    """``action`` is grant.decide (the granter's side) or grant.request (the grantee's side)."""
    grant = SharingGrant.objects.visible_to(user).select_related("granter", "grantee", "unit").filter(pk=pk).first()
    if grant is None:
        raise Http404(_("No such grant."))
    side = grant.granter if action == "grant.decide" else grant.grantee
    require(user, action, organisation_root(side))
    return grant
