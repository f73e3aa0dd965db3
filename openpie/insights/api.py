"""API: the overview at any unit, thread by thread, with the same filters and small groups as the page."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from openpie.common.api_schemas import READ_ERRORS
from openpie.common.dates import WindowDate
from openpie.insights.access import get_overview_unit_for_user
from openpie.insights.selectors import (
    BUCKETS,
    Group,
    Overview,
    OverviewFilters,
    Period,
    ThreadOverview,
    locality_choices,
    unit_overview,
)
from openpie.organisations.models import Unit

router = Router(tags=["Overview"])


class OverviewQuery(Schema):
    locality: int | None = Field(None, ge=1, le=2**31 - 1, description="Only units at or below this unit")
    client_group: Unit.ClientGroup | None = None
    service_type: Unit.ServiceType | None = None
    date_from: WindowDate | None = Field(None, description="Only rounds held on or after this day")
    date_to: WindowDate | None = Field(None, description="Only rounds held on or before this day")


class OverviewGroupOut(Schema):
    """A group's figures, or ``shown: false`` with every figure null when it is under the threshold."""

    shown: bool
    count: int | None
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    lowest: float | None
    highest: float | None


class UnitPositionOut(Schema):
    unit_id: int
    unit_name: str
    round_id: int
    held_on: datetime.date
    position: int | None
    target: int | None
    barriers: int


class ThreadOverviewOut(Schema):
    key: str
    kind: str
    theme_key: str
    name: str
    teams: OverviewGroupOut
    target_gap: OverviewGroupOut
    staff: OverviewGroupOut
    service_users: OverviewGroupOut
    staff_service_user_gap: float | None
    barriers: int
    units: list[UnitPositionOut]


class ProgressOut(Schema):
    quarter: str
    theme_key: str
    group: OverviewGroupOut


class DistanceOut(Schema):
    key: str
    name: str
    shown: bool
    counts: list[int] | None


class RegionCellOut(Schema):
    key: str
    teams: OverviewGroupOut
    barriers: int


class RegionOut(Schema):
    """A unit of the level below (or, with ``own``, the unit's own rounds) with its units' figures."""

    unit_id: int
    name: str
    own: bool
    units_counted: int
    barriers: int
    cells: list[RegionCellOut]


class OverviewOut(Schema):
    unit_id: int
    audience: str
    threshold: int
    team_threshold: int = Field(description="The fewest units whose teams' beads are shown together")
    units_counted: int | None
    buckets: list[str]
    themes: list[ThreadOverviewOut]
    elements: list[ThreadOverviewOut]
    progress: list[ProgressOut]
    distance: list[DistanceOut]
    regions: list[RegionOut] = Field(description="The level below, one row per unit of it (regions first)")


def _group(group: Group) -> dict[str, Any]:
    if group.spread is None:
        return dict.fromkeys(OverviewGroupOut.model_fields) | {"shown": False}
    return {"shown": True, **group.spread.as_dict()}


def _thread(thread: ThreadOverview, drill_down: bool) -> dict[str, Any]:
    return {
        "key": thread.key,
        "kind": thread.kind,
        "theme_key": thread.theme_key,
        "name": thread.name,
        "teams": _group(thread.teams),
        "target_gap": _group(thread.target_gap),
        "staff": _group(thread.staff),
        "service_users": _group(thread.service_users),
        "staff_service_user_gap": thread.staff_service_user_gap,
        "barriers": thread.barriers,
        "units": [vars(u) for u in thread.units] if drill_down else [],
    }


def overview_out(found: Overview) -> dict[str, Any]:
    return {
        "unit_id": found.unit.pk,
        "audience": found.audience,
        "threshold": found.threshold,
        "units_counted": found.units_counted if found.units_counted >= found.threshold else None,
        "buckets": [str(label) for label, _low, _high in BUCKETS],
        "themes": [_thread(t, found.drill_down) for t in found.themes],
        "elements": [_thread(t, found.drill_down) for t in found.elements],
        "progress": [
            {"quarter": p.quarter, "theme_key": p.theme_key, "group": _group(p.group)} for p in found.progress
        ],
        "distance": [
            {"key": d.key, "name": d.name, "shown": d.shown, "counts": list(d.counts) if d.counts else None}
            for d in found.distance
        ],
        "team_threshold": found.team_threshold,
        "regions": [
            {
                "unit_id": r.unit_id,
                "name": r.name,
                "own": r.own,
                "units_counted": r.units_counted,
                "barriers": r.barriers,
                "cells": [{"key": c.key, "teams": _group(c.teams), "barriers": c.barriers} for c in r.cells],
            }
            for r in found.regions
        ],
    }


@router.get(
    "/units/{unit_id}/overview",
    response={200: OverviewOut, **READ_ERRORS},
    summary="The overview of every unit at or below a unit, thread by thread",
    description="Each unit's latest round (or its latest held from `date_from` to `date_to`). Groups under the "
    "small-group threshold (of units, or of people for staff members and service users) are `shown: false` "
    "with every figure null. Staff members' and service users' figures count each unit's answers only in "
    "whole batches of the threshold, in the order they came in (ADR 0014).",
)
def overview(request: HttpRequest, unit_id: int, query: Query[OverviewQuery]) -> dict[str, Any]:
    unit = get_overview_unit_for_user(request.user, unit_id).unit
    locality = None
    if query.locality is not None:
        locality = next((u for u in locality_choices(unit) if u.pk == query.locality), None)
        if locality is None:
            raise ValidationError({"locality": f"Choose a unit at or below {unit.name} that has units below it"})
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise ValidationError({"date_to": "The end date must be the same as or after the start date"})
    period = Period(start=query.date_from, end=query.date_to) if (query.date_from or query.date_to) else None
    filters = OverviewFilters(
        locality=locality,
        client_group=query.client_group.value if query.client_group else "",
        service_type=query.service_type.value if query.service_type else "",
    )
    return overview_out(unit_overview(unit=unit, viewer=request.user, period=period, filters=filters))
