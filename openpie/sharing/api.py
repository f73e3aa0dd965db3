"""API: consent grants between organisations (the same services and access helpers as the pages)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import StringConstraints

from openpie.common.api_schemas import ERRORS, READ_ERRORS, BodyIn, ErrorOut, PageQuery
from openpie.common.api_types import Id, Name, NoNul
from openpie.organisations.models import Unit
from openpie.sharing import services
from openpie.sharing.access import get_grant_for_user, get_sharing_organisation_for_user
from openpie.sharing.models import SharingGrant

router = Router(tags=["Sharing"])

STATE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut}


class GrantOut(Schema):
    id: int
    granter_id: int
    granter_name: str
    grantee_id: int
    grantee_name: str
    unit_id: int
    unit_name: str
    scope: str
    state: str
    note: str
    requested_at: datetime
    decided_at: datetime | None
    revoked_at: datetime | None


class GrantPage(Schema):
    count: int
    items: list[GrantOut]


class GrantIn(BodyIn):
    granter_id: Id
    scope: Literal["overview", "barriers", "both"]
    unit_name: Name | None = None
    note: Annotated[str, StringConstraints(max_length=2000), NoNul] = ""


class AcceptIn(BodyIn):
    unit_id: Id | None = None


def _out(grant: SharingGrant) -> dict[str, Any]:
    fields = ("id", "granter_id", "grantee_id", "unit_id", "scope", "state", "note")
    return {
        **{name: getattr(grant, name) for name in fields},
        "granter_name": grant.granter.name,
        "grantee_name": grant.grantee.name,
        "unit_name": grant.unit.name,
        "requested_at": grant.requested_at,
        "decided_at": grant.decided_at,
        "revoked_at": grant.revoked_at,
    }


def _changed(change: Callable[..., SharingGrant], **kwargs: Any) -> Any:
    try:
        return _out(change(**kwargs))
    except services.GrantStateError as error:
        return Status(409, {"detail": " ".join(error.messages)})


@router.get(
    "/organisations/{organisation_id}/grants",
    response={200: GrantPage, **READ_ERRORS, 403: ErrorOut},
    summary="Grants the organisation has given or received",
)
def grant_list(request: HttpRequest, organisation_id: int, page: Query[PageQuery]) -> dict[str, Any]:
    organisation = get_sharing_organisation_for_user(request.user, organisation_id)
    grants = SharingGrant.objects.involving(organisation).select_related("granter", "grantee", "unit")
    return {"count": grants.count(), "items": [_out(g) for g in grants[page.offset : page.offset + page.limit]]}


@router.post(
    "/organisations/{organisation_id}/grants",
    response={201: GrantOut, **ERRORS},
    summary="Ask another organisation to share (organisation admins and commissioners)",
)
def grant_create(request: HttpRequest, organisation_id: int, data: GrantIn) -> Status[dict[str, Any]]:
    grantee = get_sharing_organisation_for_user(request.user, organisation_id, action="grant.request")
    granter = services.agencies_to_ask(grantee=grantee).filter(pk=data.granter_id).first()
    if granter is None:
        raise ValidationError({"granter_id": _("Choose an agency on this installation other than yours.")})
    unit = services.requested_unit(granter=granter, name=data.unit_name or "")
    grant = services.grant_request(grantee=grantee, unit=unit, scope=data.scope, note=data.note, by=request.user)
    return Status(201, _out(grant))


@router.post("/grants/{grant_id}/accept", response={200: GrantOut, **STATE_ERRORS}, summary="Accept a request")
def grant_accept(request: HttpRequest, grant_id: int, data: AcceptIn) -> Any:
    grant = get_grant_for_user(request.user, grant_id, action="grant.decide")
    unit: Unit | None = grant.unit
    if data.unit_id is not None:
        unit = Unit.objects.filter(organisation_id=grant.granter_id, pk=data.unit_id).first()
        if unit is None:
            raise ValidationError({"unit_id": _("Choose the unit asked for or one below it.")})
    return _changed(services.grant_accept, grant=grant, unit=unit, by=request.user)


@router.post("/grants/{grant_id}/decline", response={200: GrantOut, **STATE_ERRORS}, summary="Decline a request")
def grant_decline(request: HttpRequest, grant_id: int) -> Any:
    grant = get_grant_for_user(request.user, grant_id, action="grant.decide")
    return _changed(services.grant_decline, grant=grant, by=request.user)


@router.post("/grants/{grant_id}/revoke", response={200: GrantOut, **STATE_ERRORS}, summary="Stop sharing")
def grant_revoke(request: HttpRequest, grant_id: int) -> Any:
    grant = get_grant_for_user(request.user, grant_id, action="grant.decide")
    return _changed(services.grant_revoke, grant=grant, by=request.user)


@router.post(
    "/grants/{grant_id}/relinquish",
    response={200: GrantOut, **STATE_ERRORS},
    summary="Give up a grant, or withdraw a request (the receiving organisation)",
)
def grant_relinquish(request: HttpRequest, grant_id: int) -> Any:
    grant = get_grant_for_user(request.user, grant_id, action="grant.request")
    return _changed(services.grant_relinquish, grant=grant, by=request.user)
