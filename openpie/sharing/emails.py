"""Emails about grants, sent once the transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from openpie.common.mail import in_language_of
from openpie.organisations.models import Membership, Role
from openpie.sharing.models import SharingGrant


def _link(grant: SharingGrant, organisation_id: int) -> str:
    return settings.OPENPIE_BASE_URL.rstrip("/") + reverse("sharing:organisation", args=[organisation_id])


def _send(subject: str, template: str, context: dict[str, object], recipient: str) -> None:
    message = render_to_string(template, context)
    transaction.on_commit(
        lambda: send_mail(subject=subject, message=message, from_email=None, recipient_list=[recipient])
    )


def tell_granter_admins(grant: SharingGrant) -> None:
    """Each of the granter's organisation admins, in their own language."""
    admins = (
        Membership.objects.filter(
            unit__organisation_id=grant.granter_id, unit__parent__isnull=True, role=Role.ORG_ADMIN
        )
        .select_related("user")
        .order_by("user__email")
    )
    context = {"grant": grant, "link": _link(grant, grant.granter_id)}
    for admin in {m.user.email: m.user for m in admins}.values():
        with in_language_of(admin):
            subject = _("%(name)s asks you to share data") % {"name": grant.grantee.name}
            _send(subject, "sharing/email/requested.txt", context, admin.email)


def tell_requester(grant: SharingGrant) -> None:
    requester = grant.requested_by
    if requester is None:
        return
    context = {"grant": grant, "link": _link(grant, grant.grantee_id)}
    with in_language_of(requester):
        if grant.state == SharingGrant.State.ACCEPTED:
            subject = _("%(name)s has accepted your request") % {"name": grant.granter.name}
        elif grant.state == SharingGrant.State.DECLINED:
            subject = _("%(name)s has declined your request") % {"name": grant.granter.name}
        else:
            subject = _("%(name)s has %(state)s your request") % {
                "name": grant.granter.name,
                "state": grant.get_state_display().lower(),
            }
        _send(subject, "sharing/email/decided.txt", context, requester.email)
