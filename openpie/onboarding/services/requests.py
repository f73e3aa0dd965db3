"""People asking to start an organisation, and a platform admin's answer."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.common.mail import in_language_of
from openpie.onboarding.models import OrganisationRequest
from openpie.onboarding.services.organisations import check_platform_admin, organisation_start
from openpie.participation.ratelimit import ORGANISATION_REQUESTS, hit


@transaction.atomic
def organisation_request_submit(
    *, name: str, kind: str, requester_name: str, requester_email: str, about: str, address: str
) -> OrganisationRequest:
    """Keep the request; ``RateLimited`` when this address (or email address) has asked too often this hour."""
    email = requester_email.strip().lower()
    hit(scope=ORGANISATION_REQUESTS, subject=f"address:{address}")
    hit(scope=ORGANISATION_REQUESTS, subject=f"email:{email}")
    request = OrganisationRequest.objects.create(
        name=name.strip(),
        kind=kind,
        requester_name=requester_name.strip(),
        requester_email=email,
        about=about,
        language=get_language() or "",
    )
    audit_record(actor=None, action="platform.request", target=request)
    for admin in User.objects.filter(is_staff=True, is_superuser=True, is_active=True):
        with in_language_of(admin):  # each platform admin in their own language
            subject = _("Someone has asked to start an organisation on OpenPIE")
            message = render_to_string("onboarding/email/request_waiting.txt", {"request": request})
        transaction.on_commit(
            partial(send_mail, subject=subject, message=message, from_email=None, recipient_list=[admin.email])
        )
    return request


def _check_waiting(request: OrganisationRequest) -> None:
    if request.status != OrganisationRequest.Status.WAITING:
        raise ValidationError(_("This request has already been answered."))


@transaction.atomic
def organisation_request_approve(*, request: OrganisationRequest, by: User) -> OrganisationRequest:
    """Start the organisation and invite the requester as its organisation admin."""
    check_platform_admin(by)
    request = OrganisationRequest.objects.select_for_update().get(pk=request.pk)
    _check_waiting(request)
    with translation.override(request.language or get_language()):  # the invitation in the requester's language
        organisation, _invitation = organisation_start(
            by=by, name=request.name, kind=request.kind, admin_email=request.requester_email
        )
    request.status, request.organisation = OrganisationRequest.Status.APPROVED, organisation
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "organisation", "decided_by", "decided_at"])
    audit_record(actor=by, action="platform.request_approve", target=request, organisation=organisation)
    return request


@transaction.atomic
def organisation_request_decline(*, request: OrganisationRequest, by: User, note: str) -> OrganisationRequest:
    """Say no, with a note that is emailed to the requester."""
    check_platform_admin(by)
    request = OrganisationRequest.objects.select_for_update().get(pk=request.pk)
    _check_waiting(request)
    if not note.strip():
        raise ValidationError({"note": _("Write a note to say why")})
    request.status, request.note = OrganisationRequest.Status.DECLINED, note.strip()
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "note", "decided_by", "decided_at"])
    audit_record(actor=by, action="platform.request_decline", target=request)
    with translation.override(request.language or get_language()):  # in the language they asked in
        subject = _("Your request to start %(name)s on OpenPIE") % {"name": request.name}
        message = render_to_string("onboarding/email/request_declined.txt", {"request": request})
    recipient = request.requester_email
    transaction.on_commit(
        partial(send_mail, subject=subject, message=message, from_email=None, recipient_list=[recipient])
    )
    return request
