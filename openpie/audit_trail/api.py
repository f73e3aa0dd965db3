"""API: an organisation's audit trail, read only (organisation admins), with the page's filters."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from openpie.audit_trail.access import get_audit_organisation_for_user
from openpie.audit_trail.selectors import AuditFilters, audit_events, audit_rows
from openpie.common.api_schemas import READ_ERRORS, ErrorOut
from openpie.common.api_types import NoNul
from openpie.common.dates import WindowDate

router = Router(tags=["Audit"])

Code = Annotated[str, StringConstraints(max_length=60), NoNul]


class AuditQuery(Schema):
    actor_id: int | None = Field(None, ge=1, le=2**62, description=_("Only what this person did."))
    action: Code = Field("", description=_('Only this action, e.g. "round.state".'))
    record_type: Code = Field("", description=_('Only this kind of record, e.g. "assessments.round".'))
    date_from: WindowDate | None = Field(None, description=_("From this day (inclusive)."))
    date_to: WindowDate | None = Field(None, description=_("To this day (inclusive)."))
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class AuditEventOut(Schema):
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    action_label: str
    record_type: str
    record_label: str
    record_id: str
    detail: dict[str, Any]


class AuditPage(Schema):
    count: int
    items: list[AuditEventOut]


@router.get(
    "/organisations/{organisation_id}/audit-events",
    response={200: AuditPage, **READ_ERRORS, 403: ErrorOut},
    summary=_("The organisation's audit trail, newest first (organisation admins)"),
    description=_(
        "Who did what, when, to which record. Events hold ids and plain labels, never free text. "
        "Filters are those of the audit page; 403 for members who are not organisation admins."
    ),
)
def audit_event_list(request: HttpRequest, organisation_id: int, query: Query[AuditQuery]) -> dict[str, Any]:
    organisation = get_audit_organisation_for_user(request.user, organisation_id)
    filters = AuditFilters(
        actor=query.actor_id,
        action=query.action,
        record=query.record_type,
        date_from=query.date_from,
        date_to=query.date_to,
    )
    events = audit_events(organisation=organisation, filters=filters)
    page = events[query.offset : query.offset + query.limit]
    items = [{**vars(row), "actor_name": row.who} for row in audit_rows(page)]
    return {"count": events.count(), "items": items}
