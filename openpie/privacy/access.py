"""Who may see a copy of a person's data, or erase their account.

- Anyone: their own copy ("Your data").
- An organisation admin: a member of their organisation (404 for anyone who is not; 403 for a
  member of the organisation when the viewer is not its admin). Erasing also needs them to be an
  admin of every organisation the person belongs to: an account is one person's, across them all.
- A platform admin: anyone.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.organisations.access import memberships_for
from openpie.organisations.models import Membership, Organisation
from openpie.organisations.permissions import roles_allowed

ACTION = "privacy.manage"


def _managed_organisations(viewer: Any) -> dict[int, Organisation]:
    """Organisations in which the viewer holds a role allowed ``privacy.manage`` at the top."""
    allowed = roles_allowed(ACTION)
    return {
        m.unit.organisation_id: m.unit.organisation
        for m in memberships_for(viewer)
        if m.unit.parent_id is None and m.role in allowed
    }


def get_person_for_user(viewer: Any, pk: int, *, erase: bool = False) -> tuple[User, Organisation | None]:
    """The person and the organisation through which the viewer acts (``None`` for a platform admin)."""
    person = User.objects.filter(pk=pk).first()
    if person is None:
        raise Http404(_("No such person."))
    if getattr(viewer, "is_superuser", False):
        return person, None
    theirs = set(Membership.objects.filter(user=person).values_list("unit__organisation_id", flat=True))
    shared = theirs & {m.unit.organisation_id for m in memberships_for(viewer)}
    if not shared:
        raise Http404(_("No such person."))
    managed = _managed_organisations(viewer)
    acting = sorted(shared & managed.keys())
    if not acting:
        raise PermissionDenied(_("Only an organisation admin can do this."))
    if erase and theirs - managed.keys():
        raise PermissionDenied(_("This person also belongs to another organisation: ask a platform admin to erase it."))
    return person, managed[acting[0]]
