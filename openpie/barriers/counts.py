"""Counts of barriers: how many are open per unit and thread on a date (for the overview), and how
barriers are answered (per responding organisation and per kind of barrier, over a period).

These are counts of barriers, which are services' records and not people: nothing here is
suppressed for being small. The pages show the numbers a rate is made of ("3 of 4") so that a
rate drawn from a handful of barriers is read as such.

Each function runs a fixed number of queries, however many units, barriers or responses there are.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from openpie.assessments.models import BarrierStatus, Factor, Round
from openpie.barriers.models import BarrierResponse, BarrierStatusChange
from openpie.frameworks.models import BarrierKind
from openpie.organisations.models import Organisation, Unit

CLOSED = (BarrierStatus.RESOLVED, BarrierStatus.NO_LONGER_RELEVANT)
CHANGED = (BarrierStatus.CHANGE_AGREED, BarrierStatus.CHANGE_MADE)


def _raised() -> Q:
    """Barriers as first raised (not the copies carried into later rounds), in rounds that are not drafts."""
    return Q(effect=Factor.Effect.HINDERS, control=Factor.Control.OUTSIDE, origin__isnull=True) & ~Q(
        thread__round__state=Round.State.DRAFT
    )


def open_barriers(*, units: Iterable[Unit | int], as_of: datetime.date) -> dict[tuple[int, str], int]:
    """Barriers open on ``as_of`` per (unit id, thread key): raised in a round held by then and not
    resolved or marked no longer relevant by the end of that day. One query.

    The overview calls it once for the units it shows (``open_barriers(units=units, as_of=today)``)
    and reads ``counts.get((unit.pk, thread.key), 0)``; a unit's total is the sum over its threads.
    """
    ids = [u if isinstance(u, int) else u.pk for u in units]
    closed = BarrierStatusChange.objects.filter(
        factor_id=OuterRef("pk"), status__in=CLOSED, changed_at__date__lte=as_of
    )
    rows = (
        Factor.objects.filter(_raised(), thread__round__unit_id__in=ids, thread__round__held_on__lte=as_of)
        .exclude(Exists(closed))
        .values_list("thread__round__unit_id", "thread__key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(unit_id, key): n for unit_id, key, n in rows}


# How barriers are answered -----------------------------------------------------------------------


@dataclass
class Rates:
    """What a responding organisation did with the barriers it could see."""

    seen: int = 0
    answered: int = 0
    changed: int = 0
    waits: list[float] = field(default_factory=list)

    @property
    def response_rate(self) -> int | None:
        return round(100 * self.answered / self.seen) if self.seen else None

    @property
    def changed_share(self) -> int | None:
        return round(100 * self.changed / self.seen) if self.seen else None

    @property
    def median_days(self) -> float | None:
        return round(statistics.median(self.waits), 1) if self.waits else None


@dataclass
class ResponderRates:
    organisation: Organisation
    overall: Rates
    kinds: list[tuple[str, Rates]]


@dataclass(frozen=True)
class _Barrier:
    pk: int
    kind_id: int | None
    organisation_id: int
    path: str


def _visible_to(organisation_id: int, barrier: _Barrier, grants: dict[int, list[tuple[int, str]]]) -> bool:
    if barrier.organisation_id == organisation_id:
        return True
    return any(g == barrier.organisation_id and barrier.path.startswith(p) for g, p in grants.get(organisation_id, []))


def _grants(organisation_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """Accepted grants of barriers to each organisation: (granter, unit path). Empty without sharing."""
    from django.apps import apps

    if not apps.is_installed("openpie.sharing"):
        return {}
    grant_model = apps.get_model("sharing", "SharingGrant")
    rows = grant_model.objects.filter(
        grantee_id__in=organisation_ids,
        state=grant_model.State.ACCEPTED,
        scope__in=grant_model.scopes_covering("barriers"),
    ).values_list("grantee_id", "granter_id", "unit__path")
    result: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for grantee, granter, path in rows:
        result[grantee].append((granter, path))
    return result


def _days(start: datetime.datetime, end: datetime.datetime) -> float:
    return max((end - start).total_seconds(), 0) / 86400


def answer_rates(
    *, barriers: Any, organisation_ids: Iterable[int] = (), start: datetime.date | None, end: datetime.date | None
) -> list[ResponderRates]:
    """Per responding organisation (any that answered one of ``barriers``, and ``organisation_ids``) and
    per kind: of the barriers raised in rounds held from ``start`` to ``end`` that it could see (its own
    services' and those shared with it), how many got a first response from it, the median days from the
    barrier being recorded to that first response, and how many had a change agreed or made. Six queries.
    """
    qs = barriers.filter(_raised())
    if start is not None:
        qs = qs.filter(thread__round__held_on__gte=start)
    if end is not None:
        qs = qs.filter(thread__round__held_on__lte=end)
    items = [
        _Barrier(pk, kind, organisation, path)
        for pk, kind, organisation, path in qs.values_list(
            "pk", "barrier_kind_id", "thread__round__unit__organisation_id", "thread__round__unit__path"
        )
    ]
    # The barriers as a subquery, not a list of their ids: thousands of ids made each query's text
    # (and its parameters) the larger part of the page's time.
    ids = qs.values("pk")
    first: dict[tuple[int, int], float] = {}  # days from the barrier being recorded to the first response
    for factor_id, organisation_id, at, recorded in (
        BarrierResponse.objects.filter(factor_id__in=ids, responder_organisation__isnull=False)
        .order_by("-created_at", "-pk")
        .values_list("factor_id", "responder_organisation_id", "created_at", "factor__created_at")
    ):
        first[(organisation_id, factor_id)] = _days(recorded, at)  # the earliest wins (newest first, overwritten)
    changed = set(
        BarrierStatusChange.objects.filter(factor_id__in=ids, status__in=CHANGED).values_list("factor_id", flat=True)
    )
    responders = {o for o, _ in first} | set(organisation_ids)
    grants = _grants(responders)
    organisations = Organisation.objects.in_bulk(responders)
    kind_names = dict(BarrierKind.objects.filter(pk__in={b.kind_id for b in items}).values_list("pk", "name"))
    result = []
    for organisation in sorted(organisations.values(), key=lambda o: o.name):
        overall, by_kind = Rates(), defaultdict[str, Rates](Rates)
        for barrier in items:
            if not _visible_to(organisation.pk, barrier, grants):
                continue
            for rates in (overall, by_kind[kind_names.get(barrier.kind_id or 0, "Kind not given")]):
                rates.seen += 1
                waited = first.get((organisation.pk, barrier.pk))
                if waited is not None:
                    rates.answered += 1
                    rates.waits.append(waited)
                rates.changed += barrier.pk in changed
        if overall.seen:
            result.append(ResponderRates(organisation, overall, sorted(by_kind.items())))
    return result


def responder_rates_for_unit(*, unit: Unit, start: datetime.date | None, end: datetime.date | None) -> list[Any]:
    """How the organisations that answer this unit's barriers answer barriers generally (among the
    barriers they could see that were raised in the period), for the service's own pages."""
    raised = Factor.objects.filter(_raised())
    mine = raised.filter(thread__round__unit=unit)
    responders = set(
        BarrierResponse.objects.filter(factor__in=mine, responder_organisation__isnull=False).values_list(
            "responder_organisation_id", flat=True
        )
    )
    if not responders:
        return []
    return [r for r in answer_rates(barriers=raised, start=start, end=end) if r.organisation.pk in responders]
