"""Emails about grants, sent once the transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from openpie.organisations.models import Membership, Role
from openpie.sharing.models import SharingGrant


def _link(grant: SharingGrant, organisation_id: int) -> str:
    return settings.OPENPIE_BASE_URL.rstrip("/") + reverse("sharing:organisation", args=[organisation_id])


def _send(subject: str, template: str, context: dict[str, object], recipients: list[str]) -> None:
    if recipients:
        message = render_to_string(template, context)
        transaction.on_commit(
            lambda: send_mail(subject=subject, message=message, from_email=None, recipient_list=recipients)
        )


def tell_granter_admins(grant: SharingGrant) -> None:
    admins = Membership.objects.filter(
        unit__organisation_id=grant.granter_id, unit__parent__isnull=True, role=Role.ORG_ADMIN
    ).values_list("user__email", flat=True)
    context = {"grant": grant, "link": _link(grant, grant.granter_id)}
    _send(f"{grant.grantee.name} asks you to share data", "sharing/email/requested.txt", context, sorted(admins))


def tell_requester(grant: SharingGrant) -> None:
    requester = grant.requested_by
    context = {"grant": grant, "link": _link(grant, grant.grantee_id)}
    subject = f"{grant.granter.name} has {grant.get_state_display().lower()} your request"
    _send(subject, "sharing/email/decided.txt", context, [requester.email] if requester else [])
