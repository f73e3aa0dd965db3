"""Writes for organisations, units, memberships and invitations. One service per state change."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from openpie.audit.services import audit_record
from openpie.common.mail import in_language_of
from openpie.organisations.access import can, forget_memberships
from openpie.organisations.models import Invitation, Membership, Organisation, Role, Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _place(unit: Unit) -> Unit:
    """Give a freshly saved unit its materialised path and depth."""
    parent_path = unit.parent.path if unit.parent else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.parent.depth + 1 if unit.parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def organisation_create(*, name: str, kind: str, admin: User | None = None, top_name: str = "") -> Organisation:
    """A new tenant with its top unit (called ``top_name``, else the organisation's name);
    ``admin`` becomes its organisation admin."""
    organisation = Organisation.objects.create(name=name, kind=kind, slug=_unique_slug(name))
    root = _place(Unit.objects.create(organisation=organisation, name=top_name or name, kind=Unit.Kind.ORGANISATION))
    if admin is not None:
        Membership.objects.create(user=admin, unit=root, role=Role.ORG_ADMIN)
        forget_memberships(admin)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, name: str, kind: str, by: Any = None) -> Organisation:
    organisation.name, organisation.kind = name, kind
    organisation.save(update_fields=["name", "kind"])
    Unit.objects.filter(organisation=organisation, parent__isnull=True).update(name=name)
    audit_record(actor=by, action="organisation.change", target=organisation, organisation=organisation, kind=kind)
    return organisation


def _check_sibling_name(*, parent: Unit, name: str, exclude: Unit | None = None) -> None:
    siblings = Unit.objects.filter(parent=parent, name__iexact=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    if siblings.exists():
        raise ValidationError(
            {"name": _("%(parent)s already has a unit called “%(name)s”.") % {"parent": parent.name, "name": name}}
        )


@transaction.atomic
def unit_create(*, parent: Unit, name: str, kind: str, client_group: str, service_type: str, by: Any = None) -> Unit:
    if kind == Unit.Kind.ORGANISATION:
        raise ValidationError({"kind": _("Only the top of the tree is the whole organisation.")})
    _check_sibling_name(parent=parent, name=name)
    unit = Unit.objects.create(
        organisation=parent.organisation,
        parent=parent,
        name=name,
        kind=kind,
        client_group=client_group,
        service_type=service_type,
    )
    audit_record(actor=by, action="unit.add", target=unit, organisation=parent.organisation_id, parent=parent.pk)
    return _place(unit)


@transaction.atomic
def unit_update(*, unit: Unit, name: str, kind: str, client_group: str, service_type: str, by: Any = None) -> Unit:
    if unit.parent is None:
        kind = Unit.Kind.ORGANISATION
    elif kind == Unit.Kind.ORGANISATION:
        raise ValidationError({"kind": _("Only the top of the tree is the whole organisation.")})
    if unit.parent is not None:
        _check_sibling_name(parent=unit.parent, name=name, exclude=unit)
    unit.name, unit.kind, unit.client_group, unit.service_type = name, kind, client_group, service_type
    unit.save(update_fields=["name", "kind", "client_group", "service_type"])
    audit_record(actor=by, action="unit.change", target=unit, organisation=unit.organisation_id)
    return unit


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_may_grant(*, by: User, unit: Unit, role: str) -> None:
    """Only organisation admins may make someone an organisation admin."""
    if role == Role.ORG_ADMIN and not can(by, "member.grant_admin", unit):
        raise PermissionDenied(_("Only an organisation admin can give the organisation admin role."))


@transaction.atomic
def invitation_create(*, unit: Unit, email: str, role: str, invited_by: User) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns it and the link."""
    check_may_grant(by=invited_by, unit=unit, role=role)
    return invitation_send(unit=unit, email=email, role=role, invited_by=invited_by)


@transaction.atomic
def invitation_send(*, unit: Unit, email: str, role: str, invited_by: User) -> tuple[Invitation, str]:
    """Make and email an invitation, replacing a waiting one for the same address and unit.

    It does not check who may grant the role: ``invitation_create`` does, for members; the
    platform admin's first-admin invitations check that the person is a platform admin.
    """
    email = email.strip().lower()
    if Membership.objects.filter(unit=unit, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of %(unit)s.") % {"email": email, "unit": unit.name}}
        )
    Invitation.objects.filter(unit=unit, email=email, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.CANCELLED
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        unit=unit,
        email=email,
        role=role,
        token_hash=_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.OPENPIE_INVITATION_DAYS),
    )
    link = settings.OPENPIE_BASE_URL.rstrip("/") + reverse("organisations:invitation-accept", args=[token])
    context = {"invitation": invitation, "link": link, "inviter": invited_by}
    audit_record(
        actor=invited_by, action="member.invite", target=invitation, organisation=unit.organisation_id, role=role
    )
    # In the language of the person invited if they have an account already, else of whoever invites.
    with in_language_of(get_user_model().objects.filter(email__iexact=email).first()):
        subject = _("You are invited to join %(unit)s on OpenPIE") % {"unit": unit.name}
        message = render_to_string("organisations/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject=subject, message=message, from_email=None, recipient_list=[email]))
    return invitation, link


def invitation_for_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("unit", "unit__organisation").filter(token_hash=_hash(token)).first()


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, by: Any = None) -> Invitation:
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("Only a waiting invitation can be cancelled."))
    invitation.status = Invitation.Status.CANCELLED
    invitation.save(update_fields=["status"])
    audit_record(
        actor=by, action="member.invite_cancel", target=invitation, organisation=invitation.unit.organisation_id
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join the person to the unit with the invited role (keeping a stronger existing one)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s. Sign in with that address to accept it.") % {"email": invitation.email}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, unit=invitation.unit, defaults={"role": invitation.role}
    )
    if not created and membership.role != invitation.role:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    forget_memberships(user)
    organisation = invitation.unit.organisation_id
    audit_record(actor=user, action="member.join", target=membership, organisation=organisation, role=membership.role)
    return membership


def _check_not_last_admin(membership: Membership) -> None:
    if membership.role != Role.ORG_ADMIN or membership.unit.parent_id is not None:
        return
    others = Membership.objects.filter(unit=membership.unit, role=Role.ORG_ADMIN).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("An organisation needs at least one organisation admin. Add another one first."))


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    check_may_grant(by=by, unit=membership.unit, role=role)
    if membership.role == Role.ORG_ADMIN:
        check_may_grant(by=by, unit=membership.unit, role=Role.ORG_ADMIN)
    if role != membership.role:
        _check_not_last_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    forget_memberships(membership.user)
    organisation = membership.unit.organisation_id
    audit_record(actor=by, action="member.change", target=membership, organisation=organisation, role=role)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    if membership.role == Role.ORG_ADMIN:
        check_may_grant(by=by, unit=membership.unit, role=Role.ORG_ADMIN)
    _check_not_last_admin(membership)
    organisation, member = membership.unit.organisation_id, membership.user_id
    audit_record(actor=by, action="member.remove", target=membership, organisation=organisation, member=member)
    membership.delete()
    forget_memberships(membership.user)


@transaction.atomic
def account_create_for_invitation(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Set up an account for the invited address and accept the invitation in one step."""
    from openpie.accounts.models import User

    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this email address already exists. Sign in to accept."))
    user = User.objects.create_user(invitation.email, password, full_name=full_name)
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def research_opt_in_set(*, organisation: Organisation, opt_in: bool, by: User | Any) -> Organisation:
    """The organisation admin says whether its anonymised figures may be used in research."""
    if organisation.research_opt_in != opt_in:
        Organisation.objects.filter(pk=organisation.pk).update(research_opt_in=opt_in)
        organisation.research_opt_in = opt_in
        audit_record(actor=by, action="sharing.research_opt_in", organisation=organisation, opt_in=opt_in)
    return organisation
