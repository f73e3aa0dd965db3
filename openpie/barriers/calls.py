"""Locality calls: a commissioner invites every service of a locality to share its round's barriers by
a date, and a tracker shows who has answered.

Who may start one: a commissioner (or an organisation admin of a commissioning organisation), at the
top unit of their organisation (call.start). The locality is chosen among the units other organisations
share with that person for their barriers (``openpie.sharing.selectors.shared_units``); every service at
or below the chosen units is invited, in OpenPIE and by email. A service has answered when it has
barriers flagged to managers or shareable in a round held from the call's first date to its last.

Reaching a call: another organisation's call → 404; in the calling organisation without call.start → 403.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openpie.assessments.models import Factor, Round
from openpie.audit.services import audit_record
from openpie.barriers.models import LocalityCall, Notification
from openpie.common.dates import in_window, window_message
from openpie.common.mail import in_language_of
from openpie.organisations.access import memberships_for
from openpie.organisations.models import Membership, Organisation, Role, Unit
from openpie.organisations.permissions import roles_allowed

MESSAGE_LIMIT = 2000
INVITED_ROLES = (Role.ORG_ADMIN, Role.PIE_LEAD, Role.MANAGER, Role.STAFF)


# Who calls, and where ----------------------------------------------------------------------------


def calling_organisations(user: Any) -> list[Organisation]:
    """Organisations the person may start a call for: a commissioner at the top, or an admin at the top
    of a commissioning organisation."""
    allowed = roles_allowed("call.start")
    found = {
        m.unit.organisation_id: m.unit.organisation
        for m in memberships_for(user)
        if m.unit.parent_id is None
        and m.role in allowed
        and (m.role == Role.COMMISSIONER or m.unit.organisation.kind == Organisation.Kind.COMMISSIONER)
    }
    return sorted(found.values(), key=lambda o: o.name)


def call_areas(user: Any) -> QuerySet[Unit]:
    """Units the person may choose as a locality: those other organisations share with them for barriers."""
    if not apps.is_installed("openpie.sharing"):
        return Unit.objects.none()
    selectors = importlib.import_module("openpie.sharing.selectors")
    shared: QuerySet[Unit] = selectors.shared_units(user, scope="barriers")
    return shared.select_related("organisation").order_by("organisation__name", "path")


def _services_in(areas: list[Unit], allowed: QuerySet[Unit]) -> list[Unit]:
    """Every service at or below the chosen units (units of kind service; where there are none, the units
    with nothing below them)."""
    below = Unit.objects.none()
    for area in areas:
        below = below | Unit.objects.below(area)
    inside = (
        allowed.filter(pk__in=below.values("pk")).select_related("organisation").order_by("organisation__name", "path")
    )
    services = list(inside.filter(kind=Unit.Kind.SERVICE))
    return services or list(inside.filter(children__isnull=True))


def get_call_for_user(user: Any, pk: int) -> LocalityCall:
    call = LocalityCall.objects.filter(pk=pk).select_related("organisation").first()
    members = {m.unit.organisation_id for m in memberships_for(user)}
    if call is None or call.organisation_id not in members:
        raise Http404(_("No such call."))
    if call.organisation_id not in {o.pk for o in calling_organisations(user)}:
        raise PermissionDenied(_("You cannot follow this call (call.start)."))
    return call


# Starting a call ----------------------------------------------------------------------------------


def _clean(*, areas: list[Unit], message: str, rounds_from: Any, answer_by: Any) -> str:
    errors: dict[str, str] = {}
    if not areas:
        errors["areas"] = _("Choose at least one area whose services you are asking")
    message = (message or "").strip()
    if not message:
        errors["message"] = _("Enter a message to the services")
    elif "\x00" in message or len(message) > MESSAGE_LIMIT:
        errors["message"] = _("Your message must be %(limit)d characters or fewer, without NUL characters") % {
            "limit": MESSAGE_LIMIT
        }
    if not isinstance(rounds_from, datetime.date) or not in_window(rounds_from):
        errors["rounds_from"] = window_message(_("The first date of rounds"))
    if not isinstance(answer_by, datetime.date) or not in_window(answer_by):
        errors["answer_by"] = window_message(_("The date to answer by"))
    elif answer_by < timezone.localdate():
        errors["answer_by"] = _("The date to answer by must be today or in the future")
    elif isinstance(rounds_from, datetime.date) and rounds_from > answer_by:
        errors["rounds_from"] = _("The first date of rounds must be on or before the date to answer by")
    if errors:
        raise ValidationError(errors)
    return message


def _invited_people(services: list[Unit], by: Any) -> dict[int, list[Any]]:
    """For each service, the active people at it or above it (in its organisation) who look after rounds."""
    ancestor_ids = {pk for s in services for pk in [*s.ancestor_ids, s.pk]}
    memberships = Membership.objects.filter(
        unit_id__in=ancestor_ids, role__in=INVITED_ROLES, user__is_active=True
    ).select_related("user")
    result: dict[int, list[Any]] = {}
    for service in services:
        chain = {*service.ancestor_ids, service.pk}
        people = {m.user_id: m.user for m in memberships if m.unit_id in chain and m.user_id != by.pk}
        result[service.pk] = list(people.values())
    return result


@transaction.atomic
def call_start(
    *,
    organisation: Organisation,
    by: Any,
    areas: list[Unit],
    message: str,
    rounds_from: datetime.date,
    answer_by: datetime.date,
) -> LocalityCall:
    """Start a call: every service in the chosen areas is invited (in OpenPIE and by email), audited."""
    if organisation.pk not in {o.pk for o in calling_organisations(by)}:
        raise PermissionDenied(_("Only a commissioner can start a locality call."))
    allowed = call_areas(by)
    if allowed.filter(pk__in=[a.pk for a in areas]).count() != len({a.pk for a in areas}):
        raise ValidationError({"areas": _("Choose areas shared with you for their barriers")})
    message = _clean(areas=areas, message=message, rounds_from=rounds_from, answer_by=answer_by)
    services = _services_in(areas, allowed)
    if not services:
        raise ValidationError({"areas": _("There are no services in the areas you chose")})
    call = LocalityCall.objects.create(
        organisation=organisation, created_by=by, message=message, rounds_from=rounds_from, answer_by=answer_by
    )
    call.areas.set(areas)
    call.services.set(services)
    audit_record(actor=by, action="call.start", target=call, organisation=organisation, services=len(services))
    _invite(call, services, by)
    return call


def _invite(call: LocalityCall, services: list[Unit], by: Any) -> None:
    people = _invited_people(services, by)
    notes, emails = [], []
    for service in services:
        url = reverse("assessments:round-list", args=[service.pk])
        for person in people[service.pk]:
            with in_language_of(person):
                values = {
                    "organisation": call.organisation.name,
                    "service": service.name,
                    "date": date_format(call.answer_by, "j F Y"),
                }
                text = _("%(organisation)s asks %(service)s to share its round's barriers by %(date)s.") % values
                record = _("Record your barriers in a round: %(link)s") % {"link": f"{settings.OPENPIE_BASE_URL}{url}"}
                subject = _("A call for barriers: %(service)s") % values
            body = f"{text}\n\n“{call.message}”\n\n{record}\n"
            notes.append(Notification(recipient=person, text=text[:300], url=url))
            emails.append((subject, body, None, [person.email]))
    Notification.objects.bulk_create(notes)
    transaction.on_commit(lambda: send_mass_mail(emails, fail_silently=True))


# Reading calls ------------------------------------------------------------------------------------


@dataclass
class TrackerRow:
    service: Unit
    barriers: int

    @property
    def answered(self) -> bool:
        return self.barriers > 0


def call_tracker(*, call: LocalityCall) -> list[TrackerRow]:
    """Each invited service with how many barriers it has flagged or shared from a round in the call's
    dates; answered ones first. Two queries."""
    services = list(call.services.select_related("organisation").order_by("organisation__name", "path"))
    counts = dict(
        Factor.objects.filter(
            Q(flag_managers=True) | Q(shareable=True),
            effect=Factor.Effect.HINDERS,
            control=Factor.Control.OUTSIDE,
            thread__round__unit__in=services,
            thread__round__held_on__gte=call.rounds_from,
            thread__round__held_on__lte=call.answer_by,
        )
        .exclude(thread__round__state=Round.State.DRAFT)
        .values("thread__round__unit_id")
        .annotate(n=Count(Coalesce("origin_id", "pk"), distinct=True))
        .values_list("thread__round__unit_id", "n")
        .order_by()
    )
    rows = [TrackerRow(service=s, barriers=counts.get(s.pk, 0)) for s in services]
    return sorted(rows, key=lambda r: not r.answered)


def calls_of(organisations: list[Organisation]) -> list[LocalityCall]:
    return list(LocalityCall.objects.filter(organisation__in=organisations).select_related("organisation"))


def calls_for_units(*, units: Any, today: datetime.date | None = None) -> list[LocalityCall]:
    """Calls still open (answer-by date not passed) that invite any of the units. One query."""
    today = today or timezone.localdate()
    return list(
        LocalityCall.objects.filter(services__in=units, answer_by__gte=today)
        .select_related("organisation")
        .distinct()
        .order_by("answer_by")
    )
