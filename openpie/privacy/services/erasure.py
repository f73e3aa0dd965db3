"""Erasing a person: their account is anonymised and closed; what they contributed stays, unattributed.

- The account keeps its row (so every record that pointed at it still points somewhere), with the
  email address, name and password replaced and sign-in turned off; their roles, API tokens,
  exports and notifications are deleted, and invitations sent to their address are anonymised.
- Their own beads stay and still count (every overlay and overview figure is unchanged) but no
  longer name them; evidence, factors, actions and check-ins they wrote stay with the team's
  round, without their name (a team's record is the team's, and removing it would change what
  the team agreed). Actions they owned lose the owner.
- The audit trail is not touched: it holds only ids, and shows the anonymised account.
See docs/adr/0011-audit-trail-and-data-rights.md.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from openpie.accounts.models import ApiToken, User
from openpie.assessments.models import Action, CheckIn, Contribution, Evidence, Factor, Placement
from openpie.audit.services import audit_record
from openpie.barriers.models import Notification
from openpie.exports.models import ExportJob
from openpie.organisations.access import forget_memberships
from openpie.organisations.models import Invitation, Membership, Organisation, Role
from openpie.reviews.models import PeerReview

ERASED_NAME = "Erased account"


def erased_email(person: User) -> str:
    return f"erased-{person.pk}@erased.invalid"


def _check_not_last_admin(person: User) -> None:
    tops = Membership.objects.filter(user=person, role=Role.ORG_ADMIN, unit__parent__isnull=True)
    for membership in tops.select_related("unit__organisation"):
        others = Membership.objects.filter(unit=membership.unit, role=Role.ORG_ADMIN).exclude(user=person)
        if not others.exists():
            raise ValidationError(
                f"{membership.unit.organisation.name} needs another organisation admin before this account is erased."
            )


def _detach(person: User) -> None:
    """Keep what they contributed, without them."""
    Contribution.objects.filter(author=person).update(author=None)
    Placement.objects.filter(updated_by=person).update(updated_by=None)
    for model in (Evidence, Factor, Action, CheckIn):
        model.objects.filter(created_by=person).update(created_by=None)
        model.objects.filter(updated_by=person).update(updated_by=None)
    Action.objects.filter(owner=person).update(owner=None, owner_name="")


def _remove_own(person: User) -> None:
    """What only ever belonged to them."""
    for job in ExportJob.objects.filter(requester=person).exclude(file=""):
        job.file.delete(save=False)
    ExportJob.objects.filter(requester=person).delete()
    Notification.objects.filter(recipient=person).delete()
    ApiToken.objects.filter(user=person).delete()
    Invitation.objects.filter(Q(email__iexact=person.email)).update(email=erased_email(person))
    PeerReview.objects.filter(email__iexact=person.email).update(email=erased_email(person))
    Membership.objects.filter(user=person).delete()


@transaction.atomic
def person_erase(*, person: User, by: Any, organisation: Organisation | None = None) -> User:
    """Anonymise and close ``person``'s account. Raises ``ValidationError`` if it would leave an
    organisation without an admin, or was already erased."""
    if person.email == erased_email(person):
        raise ValidationError("This account has already been erased.")
    _check_not_last_admin(person)
    organisations = set(Membership.objects.filter(user=person).values_list("unit__organisation_id", flat=True))
    _detach(person)
    _remove_own(person)
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
