"""What the overview holds: filters, a period, groups shown or hidden, a thread's figures, the whole overview."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from openpie.assessments.models import Round
from openpie.assessments.overlay.stats import Spread
from openpie.assessments.scale import Scale
from openpie.organisations.models import Unit

COUNTED_STATES = (Round.State.OPEN, Round.State.IN_REVIEW, Round.State.CLOSED)
LATEST_FIRST = ("-held_on", "-created_at", "-id")
DEFAULT_SCALE = Scale(levels=("Poor?", "Basic", "Progressing", "Advanced"), per_level=5)

# Distance travelled since the previous round (team position − previous position), in buckets.
BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("Moved 3 or more to the left", -1000, -3),
    ("Moved 1 or 2 to the left", -2, -1),
    ("No change", 0, 0),
    ("Moved 1 or 2 to the right", 1, 2),
    ("Moved 3 to 5 to the right", 3, 5),
    ("Moved 6 or more to the right", 6, 1000),
)


@dataclass(frozen=True)
class OverviewFilters:
    """Which units count: those below a locality (any unit at or below the overview's unit), of a
    client group, of a type of service. Empty means any."""

    locality: Unit | None = None
    client_group: str = ""
    service_type: str = ""


@dataclass(frozen=True)
class Period:
    """Rounds held from ``start`` to ``end`` (both included; either may be open)."""

    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class Group:
    """A group's figures, or nothing at all when it is under the threshold (nobody and a few look the same)."""

    shown: bool
    spread: Spread | None = None

    @property
    def count(self) -> int | None:
        return self.spread.count if self.spread else None

    @property
    def median(self) -> float | None:
        return self.spread.median if self.spread else None


HIDDEN = Group(shown=False)


def group_of(values: list[int], threshold: int) -> Group:
    if len(values) < threshold or not values:
        return HIDDEN
    return Group(shown=True, spread=Spread.of(values))


@dataclass  # not frozen: an overview makes one per unit and thread, and frozen ones take four times as long
class UnitPosition:
    unit_id: int
    unit_name: str
    round_id: int
    held_on: datetime.date
    position: int | None
    target: int | None
    barriers: int
    unit_path: str = ""


@dataclass
class ThreadOverview:
    key: str
    kind: str
    theme_key: str
    name: str
    short_name: str
    order: tuple[int, int]
    teams: Group = HIDDEN
    target_gap: Group = HIDDEN  # spread of (target − position) over the units with both
    staff: Group = HIDDEN
    service_users: Group = HIDDEN
    units: list[UnitPosition] = field(default_factory=list)
    barriers: int = 0

    @property
    def staff_service_user_gap(self) -> float | None:
        """Service users' median minus staff members' (positive: service users place it further right)."""
        if self.staff.median is None or self.service_users.median is None:
            return None
        return self.service_users.median - self.staff.median


@dataclass(frozen=True)
class ProgressPoint:
    quarter: str  # "2025 Q1"
    theme_key: str
    group: Group


@dataclass(frozen=True)
class DistanceRow:
    key: str
    name: str
    shown: bool
    counts: tuple[int, ...] | None  # one per bucket, or None when too few units moved to show


@dataclass(frozen=True)
class RegionCell:
    """One thread in one region: the spread of its units' team beads (or hidden), and its barriers."""

    key: str
    teams: Group
    barriers: int


@dataclass(frozen=True)
class RegionRow:
    """A unit of the level below (or the overview's unit itself, for its own rounds), with its units' figures."""

    unit_id: int
    name: str
    units_counted: int
    cells: tuple[RegionCell, ...]
    own: bool = False  # the overview's unit's own rounds, not a unit below it

    @property
    def barriers(self) -> int:
        return sum(c.barriers for c in self.cells)

    @property
    def shown(self) -> bool:
        return any(c.teams.shown for c in self.cells)


@dataclass
class Overview:
    unit: Unit
    audience: str
    threshold: int
    scale: Scale
    period: Period | None
    units_counted: int  # units with a round taken into account
    themes: list[ThreadOverview]
    elements: list[ThreadOverview]
    quarters: list[str]
    progress: list[ProgressPoint]
    theme_names: dict[str, str]
    distance: list[DistanceRow]
    drill_down: bool  # per-unit positions are listed (inside the organisation only)
    team_threshold: int = 1  # the fewest units whose teams' beads are shown together
    regions: list[RegionRow] = field(default_factory=list)  # the level below, one row each

    def thread(self, key: str) -> ThreadOverview | None:
        return next((t for t in [*self.themes, *self.elements] if t.key == key), None)
