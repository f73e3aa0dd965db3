"""Erasing a person: their account is anonymised and closed; what they contributed stays, unattributed.

- The account keeps its row (so every record that pointed at it still points somewhere), with the
  email address, name and password replaced and sign-in turned off; their roles, API tokens,
  exports and notifications are deleted, and invitations sent to their address are anonymised.
- Their own beads stay and still count (every overlay and overview figure is unchanged) but no
  longer name them; evidence, factors, actions and check-ins they wrote stay with the team's
  round, without their name (a team's record is the team's, and removing it would change what
  the team agreed). Actions they owned lose the owner.
- The audit trail is not touched: it holds only ids, and shows the anonymised account.
What each app does is its own (``erase`` in its ``personal_data.py``, openpie/common/personal_data.py).
See docs/adr/0011-audit-trail-and-data-rights.md.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.common.personal_data import erased_email, erasers
from openpie.organisations.access import forget_memberships
from openpie.organisations.models import Membership, Organisation, Role

ERASED_NAME = "Erased account"


def _check_not_last_admin(person: User) -> None:
    tops = Membership.objects.filter(user=person, role=Role.ORG_ADMIN, unit__parent__isnull=True)
    for membership in tops.select_related("unit__organisation"):
        others = Membership.objects.filter(unit=membership.unit, role=Role.ORG_ADMIN).exclude(user=person)
        if not others.exists():
            message = _("%(name)s needs another organisation admin before this account is erased.")
            raise ValidationError(message % {"name": membership.unit.organisation.name})


@transaction.atomic
def person_erase(*, person: User, by: Any, organisation: Organisation | None = None) -> User:
    """Anonymise and close ``person``'s account. Raises ``ValidationError`` if it would leave an
    organisation without an admin, or was already erased."""
    if person.email == erased_email(person):
        raise ValidationError(_("This account has already been erased."))
    _check_not_last_admin(person)
    organisations = set(Membership.objects.filter(user=person).values_list("unit__organisation_id", flat=True))
    for erase in erasers():
        erase(person)
    person.email, person.full_name, person.is_active, person.is_staff, person.is_superuser = (
        erased_email(person),
        ERASED_NAME,
        False,
        False,
        False,
    )
    person.set_unusable_password()
    person.last_login = None
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    forget_memberships(person)
    for organisation_id in sorted(organisations | ({organisation.pk} if organisation else set())):
        audit_record(actor=by, action="privacy.erase", target=person, organisation=organisation_id)
    return person
