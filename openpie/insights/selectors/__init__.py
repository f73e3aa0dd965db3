"""Reads for the overview at any unit, in a fixed number of queries (see ``overview``'s docstring)."""

from openpie.insights.selectors.folds import gap_words, words
from openpie.insights.selectors.overview import unit_overview, voice_blocks
from openpie.insights.selectors.scope import audience_for, latest_rounds, locality_choices
from openpie.insights.selectors.types import (
    BUCKETS,
    COUNTED_STATES,
    DEFAULT_SCALE,
    HIDDEN,
    LATEST_FIRST,
    DistanceRow,
    Group,
    Overview,
    OverviewFilters,
    Period,
    ProgressPoint,
    RegionCell,
    RegionRow,
    ThreadOverview,
    UnitPosition,
    group_of,
)

__all__ = [
    "BUCKETS",
    "COUNTED_STATES",
    "DEFAULT_SCALE",
    "HIDDEN",
    "LATEST_FIRST",
    "DistanceRow",
    "Group",
    "Overview",
    "OverviewFilters",
    "Period",
    "ProgressPoint",
    "RegionCell",
    "RegionRow",
    "ThreadOverview",
    "UnitPosition",
    "audience_for",
    "gap_words",
    "group_of",
    "latest_rounds",
    "locality_choices",
    "unit_overview",
    "voice_blocks",
    "words",
]
