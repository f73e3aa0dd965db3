"""API: organisations and their units, read and written by role."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from openpie.common.api_schemas import ERRORS, READ_ERRORS, BodyIn, ErrorOut, PageQuery, ValidationErrorOut, page
from openpie.common.api_types import Id, Name
from openpie.organisations import services
from openpie.organisations.access import get_organisation_for_user, get_unit_for_user, organisation_root
from openpie.organisations.models import Organisation, Unit

router = Router(tags=["Organisations"])

OrganisationKind = Literal["agency", "network", "consortium", "commissioner", "research"]
UnitKind = Literal["region", "locality", "service", "team"]


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    root_unit_id: int


class OrganisationPatch(BodyIn):
    name: Name | None = None
    kind: OrganisationKind | None = None


class UnitOut(Schema):
    id: int
    organisation_id: int
    parent_id: int | None
    name: str
    kind: str
    client_group: str
    service_type: str
    depth: int


class UnitIn(BodyIn):
    parent_id: Id
    name: Name
    kind: UnitKind
    client_group: Unit.ClientGroup = Unit.ClientGroup.MIXED
    service_type: Unit.ServiceType = Unit.ServiceType.NOT_A_SERVICE


class UnitPatch(BodyIn):
    name: Name | None = None
    kind: UnitKind | None = None
    client_group: Unit.ClientGroup | None = None
    service_type: Unit.ServiceType | None = None


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


def _organisation_out(organisation: Organisation) -> dict[str, object]:
    root = organisation_root(organisation)
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "root_unit_id": root.pk,
    }


class OrganisationPage(Schema):
    count: int
    items: list[OrganisationOut]


@router.get(
    "/organisations",
    response={200: OrganisationPage, 401: ErrorOut, 422: ValidationErrorOut},
    summary=_("Your organisations"),
)
def organisation_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, object]:
    organisations = Organisation.objects.visible_to(request.user).order_by("name", "pk")  # type: ignore[arg-type]
    roots = {u.organisation_id: u.pk for u in Unit.objects.filter(organisation__in=organisations, parent__isnull=True)}
    return page(
        list(organisations),
        query,
        lambda o: {"id": o.pk, "name": o.name, "slug": o.slug, "kind": o.kind, "root_unit_id": roots[o.pk]},
    )


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **READ_ERRORS})
def organisation_detail(request: HttpRequest, organisation_id: int) -> dict[str, object]:
    return _organisation_out(get_organisation_for_user(request.user, organisation_id))


@router.patch(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, **ERRORS},
    summary=_("Change an organisation (organisation admins)"),
)
def organisation_change(request: HttpRequest, organisation_id: int, data: OrganisationPatch) -> dict[str, object]:
    organisation = get_organisation_for_user(request.user, organisation_id, action="organisation.change")
    values = {"name": organisation.name, "kind": organisation.kind, **data.model_dump(exclude_none=True)}
    return _organisation_out(services.organisation_update(organisation=organisation, by=request.user, **values))


@router.get(
    "/organisations/{organisation_id}/units",
    response={200: UnitPage, **READ_ERRORS},
    summary=_("Units of an organisation that you can see, top down"),
)
def unit_list(request: HttpRequest, organisation_id: int, page: Query[PageQuery]) -> dict[str, object]:
    organisation = get_organisation_for_user(request.user, organisation_id)
    units = Unit.objects.visible_to(request.user).filter(organisation=organisation).order_by("path")  # type: ignore[arg-type]
    return {"count": units.count(), "items": list(units[page.offset : page.offset + page.limit])}


@router.get("/units/{unit_id}", response={200: UnitOut, **READ_ERRORS})
def unit_detail(request: HttpRequest, unit_id: int) -> Unit:
    return get_unit_for_user(request.user, unit_id)


@router.post("/units", response={201: UnitOut, **ERRORS}, summary=_("Add a unit below another"))
def unit_create(request: HttpRequest, data: UnitIn) -> Status[Unit]:
    parent = get_unit_for_user(request.user, data.parent_id, action="unit.add")
    unit = services.unit_create(parent=parent, by=request.user, **data.model_dump(exclude={"parent_id"}))
    return Status(201, unit)


@router.patch("/units/{unit_id}", response={200: UnitOut, **ERRORS}, summary=_("Change a unit"))
def unit_change(request: HttpRequest, unit_id: int, data: UnitPatch) -> Unit:
    unit = get_unit_for_user(request.user, unit_id, action="unit.change")
    values = {f: getattr(unit, f) for f in ("name", "kind", "client_group", "service_type")}
    return services.unit_update(unit=unit, by=request.user, **{**values, **data.model_dump(exclude_none=True)})
