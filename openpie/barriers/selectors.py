"""Reads for the barriers register: which units a person's register covers, barriers grouped by kind,
the barriers of one kind, a barrier's responses, and a person's notifications.

Each runs a fixed number of queries, however many barriers, units or responses there are.
"""

from __future__ import annotations

import importlib
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import DurationField, ExpressionWrapper, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from openpie.assessments.models import Contribution, Factor, Placement, Round
from openpie.assessments.scale import Scale
from openpie.barriers.models import BarrierResponse, Notification
from openpie.frameworks.models import BarrierKind
from openpie.frameworks.selectors import ThreadNames, thread_names
from openpie.organisations.access import memberships_for
from openpie.organisations.models import Unit
from openpie.organisations.permissions import roles_allowed

if TYPE_CHECKING:
    from openpie.accounts.models import User

TEXT_NOT_SHARED = "Text not shared"
TREND_QUARTERS = 8  # the last two years


# Which units -------------------------------------------------------------------------------------


def own_units(user: User | Any) -> QuerySet[Unit]:
    """Units of the person's own organisations whose barriers they may read (barrier.view)."""
    allowed = roles_allowed("barrier.view")
    return Unit.objects.below_any({m.unit for m in memberships_for(user) if m.role in allowed})


def _shared_units(user: User | Any) -> QuerySet[Unit]:
    """Units other organisations share with the person for their barriers, when sharing is installed."""
    if not apps.is_installed("openpie.sharing"):
        return Unit.objects.none()
    selectors = importlib.import_module("openpie.sharing.selectors")
    shared: QuerySet[Unit] = selectors.shared_units(user, scope="barriers")
    return shared


def register_units(user: User | Any) -> QuerySet[Unit]:
    """Every unit whose barriers the person's register covers: their own, and those shared with them."""
    own = own_units(user)
    shared = _shared_units(user)
    return Unit.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=shared.values("pk")))


def register_banners(user: User | Any, units: list[Unit] | None = None) -> list[Any]:
    """Sentences saying which organisations share their barriers with the person, for the units given
    (or every unit shared with them). Empty when sharing is not installed."""
    if not apps.is_installed("openpie.sharing"):
        return []
    selectors = importlib.import_module("openpie.sharing.selectors")
    if units is None:
        units = list(_shared_units(user))
    banners: list[Any] = selectors.sharing_banners(user, scope="barriers", units=units)
    return banners


def own_organisation_ids(user: User | Any) -> set[int]:
    return {m.unit.organisation_id for m in memberships_for(user)}


# Filters --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterFilters:
    """Narrow the register: a locality (a unit and what is below it), a client group, a type of service."""

    locality: Unit | None = None
    client_group: str = ""
    service_type: str = ""


@dataclass(frozen=True)
class Period:
    """Rounds held from ``start`` to ``end`` (both included); either may be open."""

    start: date | None = None
    end: date | None = None


def barriers_for(
    viewer: User | Any, *, filters: RegisterFilters | None = None, period: Period | None = None
) -> QuerySet[Factor]:
    """Barriers (hinders, outside control) raised in the non-draft rounds of the viewer's register."""
    qs = Factor.objects.filter(
        effect=Factor.Effect.HINDERS,
        control=Factor.Control.OUTSIDE,
        origin__isnull=True,  # each barrier once, as first raised (not each round's copy of it)
        thread__round__unit__in=register_units(viewer),
    ).exclude(thread__round__state=Round.State.DRAFT)
    filters = filters or RegisterFilters()
    if filters.locality is not None:
        qs = qs.filter(
            thread__round__unit__organisation_id=filters.locality.organisation_id,
            thread__round__unit__path__startswith=filters.locality.path,
        )
    if filters.client_group:
        qs = qs.filter(thread__round__unit__client_group=filters.client_group)
    if filters.service_type:
        qs = qs.filter(thread__round__unit__service_type=filters.service_type)
    if period is not None and period.start is not None:
        qs = qs.filter(thread__round__held_on__gte=period.start)
    if period is not None and period.end is not None:
        qs = qs.filter(thread__round__held_on__lte=period.end)
    return qs


def _first_response_at() -> Subquery:
    return Subquery(
        BarrierResponse.objects.filter(factor=OuterRef("pk")).order_by("created_at", "pk").values("created_at")[:1]
    )


# The register -----------------------------------------------------------------------------------


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def last_quarters(today: date, count: int = TREND_QUARTERS) -> list[tuple[int, int]]:
    """The ``count`` quarters up to and including today's, oldest first."""
    year, quarter = quarter_of(today)
    quarters = []
    for _ in range(count):
        quarters.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return quarters[::-1]


def quarter_label(quarter: tuple[int, int]) -> str:
    return f"{quarter[0]} Q{quarter[1]}"


@dataclass
class KindRow:
    """One kind of barrier in the register."""

    kind: BarrierKind | None
    barriers: int = 0
    services: int = 0
    unanswered: int = 0
    median_days_to_response: float | None = None
    trend: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.kind.name if self.kind is not None else "Kind not given"


@dataclass
class Register:
    rows: list[KindRow]
    quarters: list[tuple[int, int]]
    barriers: int
    services: int
    unanswered: int

    @property
    def quarter_labels(self) -> list[str]:
        return [quarter_label(q) for q in self.quarters]


def barrier_register(
    *,
    viewer: User | Any,
    kind: BarrierKind | None = None,
    period: Period | None = None,
    filters: RegisterFilters | None = None,
    today: date | None = None,
) -> Register:
    """Barriers grouped by kind: how many, how many services raise them, the trend by quarter over the
    last two years (by the date of the round), the median days to a first response, how many are unanswered.

    Two queries (the barriers, then their kinds), whatever the amount of data.
    """
    qs = barriers_for(viewer, filters=filters, period=period)
    if kind is not None:
        qs = qs.filter(barrier_kind=kind)
    # How long each barrier waited for its first response, worked out by the database (None: not
    # answered), rather than two timestamps per barrier read into Python.
    waited = ExpressionWrapper(_first_response_at() - F("created_at"), output_field=DurationField())
    rows = list(
        qs.annotate(waited=waited).values_list(
            "barrier_kind_id", "thread__round__unit_id", "thread__round__held_on", "waited"
        )
    )
    quarters = last_quarters(today or timezone.localdate())
    index = {q: i for i, q in enumerate(quarters)}
    grouped: dict[int | None, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    kinds = {k.pk: k for k in BarrierKind.objects.filter(pk__in=[k for k in grouped if k is not None])}
    result = []
    for kind_id, items in grouped.items():
        trend = [0] * len(quarters)
        for item in items:
            position = index.get(quarter_of(item[2]))
            if position is not None:
                trend[position] += 1
        waits = [max(item[3].total_seconds(), 0) / 86400 for item in items if item[3] is not None]
        result.append(
            KindRow(
                kind=kinds.get(kind_id) if kind_id is not None else None,
                barriers=len(items),
                services=len({item[1] for item in items}),
                unanswered=sum(1 for item in items if item[3] is None),
                median_days_to_response=round(statistics.median(waits), 1) if waits else None,
                trend=trend,
            )
        )
    result.sort(key=lambda r: (-r.barriers, r.name))
    return Register(
        rows=result,
        quarters=quarters,
        barriers=len(rows),
        services=len({row[1] for row in rows}),
        unanswered=sum(1 for row in rows if row[3] is None),
    )


# Barriers of a kind, and one barrier --------------------------------------------------------------


@dataclass
class BarrierItem:
    """A barrier as the register shows it: its text only to its own organisation or when shareable."""

    factor: Factor
    text: str
    text_shared: bool
    position: str
    latest: BarrierResponse | None
    own: bool
    thread_name: str  # as the unit's organisation words the thread now

    @property
    def unit(self) -> Unit:
        return self.factor.thread.round.unit

    @property
    def round(self) -> Round:
        return self.factor.thread.round


def _with_details(qs: QuerySet[Factor]) -> QuerySet[Factor]:
    return qs.select_related(
        "barrier_kind", "thread", "thread__round", "thread__round__unit", "thread__round__framework"
    ).prefetch_related(
        Prefetch(
            "thread__placements",
            queryset=Placement.objects.filter(contribution__kind=Contribution.Kind.TEAM),
            to_attr="team_placements",
        ),
        Prefetch(
            "barrier_responses",
            queryset=BarrierResponse.objects.select_related("responder", "responder_organisation").order_by(
                "-created_at", "-pk"
            ),
            to_attr="responses",
        ),
    )


def _wording(factors: list[Factor]) -> ThreadNames:
    rounds = [f.thread.round for f in factors]
    return thread_names(
        organisation_ids={r.unit.organisation_id for r in rounds}, framework_ids={r.framework_id for r in rounds}
    )


def _item(factor: Factor, own_ids: set[int], wording: ThreadNames) -> BarrierItem:
    round_ = factor.thread.round
    thread = factor.thread
    own = round_.unit.organisation_id in own_ids
    shared = own or factor.shareable
    placements: list[Placement] = getattr(factor.thread, "team_placements", [])
    position = placements[0].position if placements else None
    responses: list[BarrierResponse] = getattr(factor, "responses", [])
    return BarrierItem(
        factor=factor,
        text=factor.text if shared else TEXT_NOT_SHARED,
        text_shared=shared,
        position=Scale.of(round_.framework).label(position),
        latest=responses[0] if responses else None,
        own=own,
        thread_name=wording.of(round_.unit.organisation_id, round_.framework_id, thread.key, name=thread.name).name,
    )


def barriers_of_kind(
    *,
    viewer: User | Any,
    kind: BarrierKind,
    filters: RegisterFilters | None = None,
    period: Period | None = None,
) -> list[BarrierItem]:
    """The barriers of one kind, newest round first. Eight queries, whatever the amount of data."""
    qs = barriers_for(viewer, filters=filters, period=period).filter(barrier_kind=kind)
    factors = list(_with_details(qs).order_by("-thread__round__held_on", "thread__round__unit__name", "created_at"))
    own_ids, wording = own_organisation_ids(viewer), _wording(factors)
    return [_item(factor, own_ids, wording) for factor in factors]


def barrier_item(*, viewer: User | Any, factor: Factor) -> BarrierItem:
    """One barrier (already reached through the access helper), with its position and latest response."""
    loaded = _with_details(Factor.objects.filter(pk=factor.pk)).get()
    return _item(loaded, own_organisation_ids(viewer), _wording([loaded]))


def barrier_responses(*, factor: Factor) -> list[BarrierResponse]:
    """Every response to a barrier, newest first."""
    return list(
        factor.barrier_responses.select_related("responder", "responder_organisation").order_by("-created_at", "-pk")
    )


# Notifications ------------------------------------------------------------------------------------


def notifications_for(user: User | Any, *, limit: int = 100) -> list[Notification]:
    return list(Notification.objects.for_user(user)[:limit])


def unread_count(user: User | Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.for_user(user).unread().count()
