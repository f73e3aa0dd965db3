"""Reading the audit trail: one organisation's events, filtered, as plain-English rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.audit.labels import action_label, record_label
from openpie.audit.models import AuditEvent
from openpie.organisations.models import Membership, Organisation


@dataclass(frozen=True)
class AuditFilters:
    actor: int | None = None
    action: str = ""
    record: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_events(*, organisation: Organisation, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """The organisation's events, newest first, with who did each (one query however many)."""
    filters = filters or AuditFilters()
    events = AuditEvent.objects.for_organisation(organisation).select_related("actor")
    if filters.actor is not None:
        events = events.filter(actor_id=filters.actor)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.record:
        events = events.filter(target_type=filters.record)
    if filters.date_from:
        events = events.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return events.order_by("-at", "-pk")


def organisation_people(organisation: Organisation) -> list[tuple[int, str]]:
    """Everyone who holds a role in the organisation, for the "who" filter."""
    rows = (
        Membership.objects.filter(unit__organisation=organisation)
        .values_list("user_id", "user__full_name", "user__email")
        .order_by("user__full_name", "user__email")
        .distinct()
    )
    seen: dict[int, str] = {}
    for pk, name, email in rows:
        seen.setdefault(pk, f"{name} ({email})" if name else email)
    return list(seen.items())


def actor_label(event: AuditEvent) -> str:
    if event.actor_id is None:
        return _("Someone without an account")
    if event.actor is None:
        return _("A deleted account (number %(number)s)") % {"number": event.actor_id}
    return event.actor.get_full_name()


def detail_text(detail: dict[str, Any]) -> str:
    return "; ".join(f"{key.replace('_', ' ')}: {value}" for key, value in sorted(detail.items()))


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime.datetime
    actor_id: int | None
    who: str
    action: str
    action_label: str
    record_type: str
    record_label: str
    record_id: str
    detail: dict[str, Any]

    @property
    def detail_text(self) -> str:
        return detail_text(self.detail)

    @classmethod
    def of(cls, event: AuditEvent) -> AuditRow:
        return cls(
            id=event.pk,
            at=event.at,
            actor_id=event.actor_id,
            who=actor_label(event),
            action=event.action,
            action_label=action_label(event.action),
            record_type=event.target_type,
            record_label=record_label(event.target_type),
            record_id=event.target_id,
            detail=event.detail,
        )


def audit_rows(events: Iterable[AuditEvent]) -> Iterator[AuditRow]:
    return (AuditRow.of(event) for event in events)


EXPORT_HEADERS = ["When", "Who", "Person number", "What", "Action code", "Kind of record", "Record number", "Detail"]


def export_rows(events: QuerySet[AuditEvent]) -> Iterator[list[Any]]:
    """Every filtered event as a row of the export, read in chunks (never all in memory at once)."""
    for row in audit_rows(events.iterator(chunk_size=2000)):
        yield [
            timezone.localtime(row.at),
            row.who,
            row.actor_id,
            row.action_label,
            row.action,
            row.record_label,
            row.record_id,
            row.detail_text,
        ]
