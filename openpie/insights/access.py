"""Which unit's overview a person may open: a unit of their own organisation (with ``overview.view``),
or a unit another organisation shares with theirs through an accepted overview grant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from openpie.organisations.access import get_unit_for_user
from openpie.organisations.models import Unit
from openpie.sharing.selectors import Banner, shared_units, sharing_banners

ACTION = "overview.view"


@dataclass(frozen=True)
class OverviewUnit:
    unit: Unit
    shared: bool
    banners: list[Banner]


def get_overview_unit_for_user(user: Any, pk: int) -> OverviewUnit:
    """The unit, own or shared; anything else is a 404 (a revoked grant on the very next request)."""
    try:
        return OverviewUnit(get_unit_for_user(user, pk, action=ACTION), shared=False, banners=[])
    except Http404:
        unit = shared_units(user, scope="overview").select_related("organisation").filter(pk=pk).first()
        if unit is None:
            raise
        return OverviewUnit(unit, shared=True, banners=sharing_banners(user, scope="overview", units=[unit]))
