"""Writes for the barriers register: a response to a barrier, and reading notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.assessments.models import BarrierStatus, Factor
from openpie.audit.services import audit_record
from openpie.barriers.lifecycle import barrier_status_set
from openpie.barriers.models import BarrierResponse, Notification
from openpie.common.mail import in_language_of
from openpie.organisations.access import memberships_for
from openpie.organisations.models import Membership, Role

TEXT_LIMIT = 4000
# Who hears about a response: the people of the round's unit (or above it) who look after its rounds.
TOLD_ROLES = (Role.PIE_LEAD, Role.MANAGER, Role.STAFF)


def responder_organisation(by: Any, factor: Factor) -> Any:
    """The organisation the responder answers for: the barrier's own, or else their first one."""
    organisations = [m.unit.organisation for m in memberships_for(by)]
    own = factor.thread.round.unit.organisation_id
    return next((o for o in organisations if o.pk == own), organisations[0] if organisations else None)


def _recipients(factor: Factor, by: Any) -> list[Any]:
    unit = factor.thread.round.unit
    memberships = Membership.objects.filter(
        unit_id__in=[*unit.ancestor_ids, unit.pk], role__in=TOLD_ROLES, user__is_active=True
    ).select_related("user")
    people = {m.user_id: m.user for m in memberships}
    if factor.created_by is not None and factor.created_by.is_active:
        people.setdefault(factor.created_by_id, factor.created_by)  # type: ignore[arg-type]
    people.pop(getattr(by, "pk", None), None)  # type: ignore[arg-type]
    return list(people.values())


def _clean(status: str, text: str) -> tuple[str, str]:
    errors = {}
    if status not in BarrierResponse.Status.values:
        errors["status"] = _("Choose what you are doing about this barrier")
    text = (text or "").strip()
    if "\x00" in text:
        errors["text"] = _("Your response must not contain NUL characters")
    elif len(text) > TEXT_LIMIT:
        errors["text"] = _("Your response must be %(limit)d characters or fewer") % {"limit": TEXT_LIMIT}
    elif not text:
        errors["text"] = _("Enter your response to the service")
    if errors:
        raise ValidationError(errors)
    return status, text


@transaction.atomic
def barrier_respond(*, factor: Factor, by: Any, status: str, text: str) -> BarrierResponse:
    """Respond to a barrier: the response is kept, audited, and the service is told (in OpenPIE and by email)."""
    if not factor.is_barrier:
        raise ValidationError(_("Only a barrier (a hindrance outside the service's control) can have a response"))
    status, text = _clean(status, text)
    if factor.origin_id is not None:  # a copy carried into a later round: the barrier is the first one
        factor = Factor.objects.select_related("thread__round__unit__organisation").get(pk=factor.origin_id)
    organisation = responder_organisation(by, factor)
    response = BarrierResponse.objects.create(
        factor=factor, responder=by, responder_organisation=organisation, status=status, text=text
    )
    round_ = factor.thread.round
    audit_record(
        actor=by,
        action="barrier.respond",
        target=factor,
        organisation=round_.unit.organisation,
        status=status,
        responder_organisation=organisation.pk if organisation is not None else None,
    )
    if factor.barrier_status == BarrierStatus.OPEN:
        barrier_status_set(factor=factor, to=BarrierStatus.ANSWERED, by=by, organisation=organisation)
    url = reverse("barriers:detail", args=[factor.pk])
    recipients = _recipients(factor, by)
    notes, emails = [], []
    for person in recipients:
        with in_language_of(person):
            message = _response_message(organisation, round_.unit.name, response)
            subject = _("A response to a barrier: %(unit)s") % {"unit": round_.unit.name}
            see = _("See it beside the barrier: %(link)s") % {"link": f"{settings.OPENPIE_BASE_URL}{url}"}
        notes.append(Notification(recipient=person, text=message[:300], url=url))
        emails.append((subject, f"{message}\n\n“{text}”\n\n{see}\n", None, [person.email]))
    Notification.objects.bulk_create(notes)
    transaction.on_commit(lambda: send_mass_mail(emails, fail_silently=True))
    return response


def _response_message(organisation: Any, unit_name: str, response: BarrierResponse) -> str:
    """The notification's words, in the language now active (the recipient's)."""
    values = {"unit": unit_name, "status": response.get_status_display()}
    if organisation is None:
        return _("Someone responded to a barrier %(unit)s raised: %(status)s.") % values
    return _("%(organisation)s responded to a barrier %(unit)s raised: %(status)s.") % {
        **values,
        "organisation": organisation.name,
    }


def notifications_read(*, user: Any) -> int:
    """Mark every unread notification of the person as read; how many there were."""
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
