"""A platform admin starts an organisation of any kind and invites its first organisation admin."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.organisations import services as organisation_services
from openpie.organisations.access import organisation_root
from openpie.organisations.models import Invitation, Organisation, Role


def check_platform_admin(by: User) -> None:
    if not (by.is_active and by.is_staff and by.is_superuser):
        raise PermissionDenied(_("Only a platform admin can do this."))


@transaction.atomic
def organisation_start(
    *, by: User, name: str, kind: str, admin_email: str, top_name: str = ""
) -> tuple[Organisation, Invitation]:
    """The organisation with its top unit, and an emailed invitation for its first organisation admin."""
    check_platform_admin(by)
    if kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Select what kind of organisation it is")})
    if Organisation.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError(
            {"name": _("There is already an organisation called “%(name)s”") % {"name": name.strip()}}
        )
    organisation = organisation_services.organisation_create(name=name.strip(), kind=kind, top_name=top_name.strip())
    audit_record(actor=by, action="platform.organisation_start", target=organisation, organisation=organisation)
    invitation = first_admin_invite(organisation=organisation, email=admin_email, by=by)
    return organisation, invitation


@transaction.atomic
def first_admin_invite(*, organisation: Organisation, email: str, by: User) -> Invitation:
    """Email an organisation-admin invitation for the top unit (a waiting one to the same address is replaced)."""
    check_platform_admin(by)
    root = organisation_root(organisation)
    invitation, _link = organisation_services.invitation_send(
        unit=root, email=email, role=Role.ORG_ADMIN, invited_by=by
    )
    return invitation


def _first_admin_invitation(invitation: Invitation) -> None:
    if invitation.role != Role.ORG_ADMIN or invitation.unit.parent_id is not None:
        raise ValidationError(
            _("Only an organisation admin's invitation to the whole organisation can be sent from here.")
        )


@transaction.atomic
def first_admin_resend(*, invitation: Invitation, by: User) -> Invitation:
    """A fresh link for the same address (the old link stops working)."""
    check_platform_admin(by)
    _first_admin_invitation(invitation)
    if invitation.status == Invitation.Status.ACCEPTED:
        raise ValidationError(_("%(email)s has already joined.") % {"email": invitation.email})
    return first_admin_invite(organisation=invitation.unit.organisation, email=invitation.email, by=by)


@transaction.atomic
def first_admin_cancel(*, invitation: Invitation, by: User) -> Invitation:
    check_platform_admin(by)
    _first_admin_invitation(invitation)
    return organisation_services.invitation_cancel(invitation=invitation, by=by)
