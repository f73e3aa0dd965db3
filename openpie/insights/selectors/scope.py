"""Which rounds an overview counts, who is looking (inside or outside the organisation), which parts it narrows to."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from openpie.assessments.models import Round
from openpie.assessments.overlay.privacy import INSIDE, OUTSIDE
from openpie.insights.selectors.types import COUNTED_STATES, LATEST_FIRST, OverviewFilters, Period
from openpie.organisations.access import memberships_for
from openpie.organisations.models import Unit


def audience_for(viewer: Any, unit: Unit) -> str:
    """Inside for a member of the unit's organisation; outside for anyone else (shared units)."""
    inside = any(m.unit.organisation_id == unit.organisation_id for m in memberships_for(viewer))
    return INSIDE if inside else OUTSIDE


def _rounds_in_scope(unit: Unit, filters: OverviewFilters, period: Period | None) -> QuerySet[Round]:
    top = filters.locality if filters.locality is not None else unit
    rounds = Round.objects.filter(
        unit__organisation_id=unit.organisation_id,
        unit__path__startswith=unit.path,
        state__in=COUNTED_STATES,
    ).exclude(form=Round.Form.CHECK_IN)
    if top.pk != unit.pk:
        rounds = rounds.filter(unit__path__startswith=top.path)
    if filters.client_group:
        rounds = rounds.filter(unit__client_group=filters.client_group)
    if filters.service_type:
        rounds = rounds.filter(unit__service_type=filters.service_type)
    if period is not None and period.start is not None:
        rounds = rounds.filter(held_on__gte=period.start)
    if period is not None and period.end is not None:
        rounds = rounds.filter(held_on__lte=period.end)
    return rounds


def _latest_of_each_unit(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """The latest round of each unit among ``rounds`` (one correlated subquery, no list of ids)."""
    latest = rounds.filter(unit_id=OuterRef("unit_id")).order_by(*LATEST_FIRST).values("id")[:1]
    return rounds.filter(id=Subquery(latest))


def latest_rounds(unit: Unit, filters: OverviewFilters | None = None, period: Period | None = None) -> QuerySet[Round]:
    """The rounds the overview at ``unit`` counts: the latest (counted, not check-in) round of each unit below it."""
    return _latest_of_each_unit(_rounds_in_scope(unit, filters or OverviewFilters(), period))


def locality_choices(unit: Unit) -> list[Unit]:
    """Units the overview can be narrowed to: the unit and everything below it that has units below it."""
    return list(
        Unit.objects.below(unit)
        .filter(Q(pk=unit.pk) | Q(children__isnull=False))
        .distinct()
        .only("id", "name", "path", "kind")
        .order_by("path")
    )
