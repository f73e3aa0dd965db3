"""API: the barriers register, the barriers of a kind, and responses to a barrier (tagged "Barriers")."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints

from openpie.assessments.api.schemas import IsoDate
from openpie.barriers import selectors, services
from openpie.barriers.access import get_barrier_for_user
from openpie.barriers.models import BarrierResponse
from openpie.barriers.selectors import BarrierItem, Period, RegisterFilters
from openpie.common.api_schemas import ERRORS, READ_ERRORS, BodyIn
from openpie.common.api_types import NoNul
from openpie.frameworks.models import BarrierKind, Framework
from openpie.organisations.models import Unit

router = Router(tags=["Barriers"])

ResponseText = Annotated[str, StringConstraints(max_length=services.TEXT_LIMIT), NoNul]


class RegisterQuery(Schema):
    kind_id: int | None = Field(None, ge=1, le=2_147_483_647, description="Only this kind of barrier.")
    locality_id: int | None = Field(
        None, ge=1, le=2_147_483_647, description="Only services at or below this unit (a locality, say)."
    )
    client_group: Unit.ClientGroup | None = None
    service_type: Unit.ServiceType | None = None
    since: IsoDate | None = Field(None, description="Only rounds held on or after this day, as YYYY-MM-DD.")


class KindRowOut(Schema):
    kind_id: int | None
    name: str
    barriers: int
    services: int = Field(description="How many services (units) raise barriers of this kind.")
    unanswered: int
    median_days_to_response: float | None = Field(description="Median days from a barrier to its first response.")
    trend: list[int] = Field(description="Barriers per quarter, oldest first (see quarters).")


class RegisterOut(Schema):
    quarters: list[str]
    barriers: int
    services: int
    unanswered: int
    kinds: list[KindRowOut]


class ResponseOut(Schema):
    id: int
    factor_id: int
    status: BarrierResponse.Status
    text: str
    responder_organisation: str | None
    created_at: datetime.datetime


class BarrierOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    round_id: int
    round_title: str
    held_on: datetime.date
    thread_name: str
    text: str = Field(description='What the service wrote, or "Text not shared".')
    text_shared: bool
    position: str = Field(description="The team's position on the thread, in words.")
    latest_response: ResponseOut | None


class KindOut(Schema):
    kind_id: int
    name: str
    count: int
    items: list[BarrierOut]


class ResponsePage(Schema):
    count: int
    items: list[ResponseOut]


class ResponseIn(BodyIn):
    status: BarrierResponse.Status
    text: ResponseText = Field(description="Your response to the service: it sees it beside its barrier.")


def _filters(request: HttpRequest, query: RegisterQuery) -> tuple[RegisterFilters, Period | None]:
    locality = None
    if query.locality_id is not None:
        locality = selectors.register_units(request.user).filter(pk=query.locality_id).first()
        if locality is None:
            raise Http404(_("No such unit."))
    filters = RegisterFilters(
        locality=locality,
        client_group=query.client_group.value if query.client_group else "",
        service_type=query.service_type.value if query.service_type else "",
    )
    return filters, Period(start=query.since) if query.since else None


def _kind(request: HttpRequest, kind_id: int | None) -> BarrierKind | None:
    if kind_id is None:
        return None
    frameworks = Framework.objects.visible_to(request.user)  # type: ignore[arg-type]
    kind = BarrierKind.objects.filter(pk=kind_id, framework__in=frameworks).first()
    if kind is None:
        raise Http404(_("No such kind of barrier."))
    return kind


def response_out(response: BarrierResponse) -> dict[str, Any]:
    organisation = response.responder_organisation
    return {
        "id": response.pk,
        "factor_id": response.factor_id,
        "status": response.status,
        "text": response.text,
        "responder_organisation": organisation.name if organisation is not None else None,
        "created_at": response.created_at,
    }


def barrier_out(item: BarrierItem) -> dict[str, Any]:
    return {
        "id": item.factor.pk,
        "unit_id": item.unit.pk,
        "unit_name": item.unit.name,
        "round_id": item.round.pk,
        "round_title": item.round.title,
        "held_on": item.round.held_on,
        "thread_name": item.thread_name,
        "text": item.text,
        "text_shared": item.text_shared,
        "position": item.position,
        "latest_response": response_out(item.latest) if item.latest else None,
    }


@router.get(
    "/barriers/register",
    response={200: RegisterOut, **READ_ERRORS},
    summary="The barriers register: barriers grouped by kind",
    description="Every barrier (a hindrance outside a service's control) in the non-draft rounds of the services "
    "you can see, and of those shared with you, grouped by kind.",
)
def register(request: HttpRequest, query: Query[RegisterQuery]) -> dict[str, Any]:
    filters, period = _filters(request, query)
    data = selectors.barrier_register(
        viewer=request.user, kind=_kind(request, query.kind_id), period=period, filters=filters
    )
    return {
        "quarters": data.quarter_labels,
        "barriers": data.barriers,
        "services": data.services,
        "unanswered": data.unanswered,
        "kinds": [
            {
                "kind_id": row.kind.pk if row.kind else None,
                "name": row.name,
                "barriers": row.barriers,
                "services": row.services,
                "unanswered": row.unanswered,
                "median_days_to_response": row.median_days_to_response,
                "trend": row.trend,
            }
            for row in data.rows
        ],
    }


@router.get(
    "/barriers/kinds/{kind_id}",
    response={200: KindOut, **READ_ERRORS},
    summary="The barriers of one kind",
    description="A barrier's words are shown to its own organisation, or when the service agreed to share them; "
    'otherwise its text is "Text not shared".',
)
def kind_detail(request: HttpRequest, kind_id: int, query: Query[RegisterQuery]) -> dict[str, Any]:
    kind = _kind(request, kind_id)
    if kind is None:  # pragma: no cover - _kind answers 404 for an id it cannot find
        raise Http404(_("No such kind of barrier."))
    filters, period = _filters(request, query)
    items = selectors.barriers_of_kind(viewer=request.user, kind=kind, filters=filters, period=period)
    return {"kind_id": kind.pk, "name": kind.name, "count": len(items), "items": [barrier_out(i) for i in items]}


@router.get(
    "/barriers/{factor_id}/responses",
    response={200: ResponsePage, **READ_ERRORS},
    summary="Responses to a barrier, newest first",
)
def response_list(request: HttpRequest, factor_id: int) -> dict[str, Any]:
    factor = get_barrier_for_user(request.user, factor_id)
    responses = selectors.barrier_responses(factor=factor)
    return {"count": len(responses), "items": [response_out(r) for r in responses]}


@router.post(
    "/barriers/{factor_id}/responses",
    response={201: ResponseOut, **ERRORS},
    summary="Respond to a barrier",
    description="The service's PIE leads, managers and staff, and whoever recorded the barrier, are told.",
)
def response_create(request: HttpRequest, factor_id: int, data: ResponseIn) -> Status[dict[str, Any]]:
    factor = get_barrier_for_user(request.user, factor_id, action="barrier.respond")
    response = services.barrier_respond(factor=factor, by=request.user, status=data.status.value, text=data.text)
    return Status(201, response_out(response))
