"""The overview's figures in words for the page's tables, and its charts drawn from the same computation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _

from openpie.insights import charts
from openpie.insights.selectors import Overview, RegionRow, ThreadOverview, gap_words, words

PAGE_SIZE = 25  # rows of regions, or of units, on one page
UNITS_INLINE = 25  # the unit-by-unit table shows at once up to this many units; more are paged on request


def spread_words(found: Overview, spread: Any) -> str:
    """ "Basic 4 (Basic 2 to Progressing 1)": the median, then the range when there is one."""
    if spread is None:
        return ""
    median = words(found.scale, spread.median)
    if spread.lowest == spread.highest:
        return median
    return _("%(median)s (%(lowest)s to %(highest)s)") % {
        "median": median,
        "lowest": found.scale.brief(spread.lowest),
        "highest": found.scale.brief(spread.highest),
    }


def thread_rows(found: Overview) -> dict[str, list[dict[str, object]]]:
    """The figures of each thread in words, for the tables."""
    scale = found.scale

    def row(t: ThreadOverview) -> dict[str, object]:
        spread = t.teams.spread
        return {
            "thread": t,
            "median": words(scale, spread.median) if spread else "",
            "middle": _("%(lower)s to %(upper)s")
            % {"lower": words(scale, spread.lower_quartile), "upper": words(scale, spread.upper_quartile)}
            if spread
            else "",
            "range": _("%(lower)s to %(upper)s")
            % {"lower": scale.brief(spread.lowest), "upper": scale.brief(spread.highest)}
            if spread
            else "",
            "target_gap": gap_words(t.target_gap.median),
            "staff": words(scale, t.staff.median),
            "service_users": words(scale, t.service_users.median),
            "voices_gap": gap_words(t.staff_service_user_gap),
        }

    return {"themes": [row(t) for t in found.themes], "elements": [row(t) for t in found.elements]}


def progress_rows(found: Overview) -> list[tuple[str, list[str]]]:
    """Per quarter, the median per theme in words ("" when too few units)."""
    medians = {(p.quarter, p.theme_key): p.group.median for p in found.progress}
    return [(q, [words(found.scale, medians.get((q, t.key))) for t in found.themes]) for q in found.quarters]


@dataclass(frozen=True)
class RegionLine:
    region: RegionRow
    cells: list[str]  # one per theme: the spread in words, or "" when hidden or no bead


def region_page(found: Overview, number: str | None) -> Page[RegionLine]:
    """One page of the level below, with each theme's spread in words."""
    theme_keys = {t.key for t in found.themes}
    lines = [
        RegionLine(r, [spread_words(found, c.teams.spread) for c in r.cells if c.key in theme_keys])
        for r in found.regions
    ]
    return Paginator(lines, PAGE_SIZE).get_page(number)


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    unit_name: str
    round_id: int
    held_on: Any
    cells: list[str]  # one per theme: the team's agreed bead in words ("" when not placed)
    barriers: int


def unit_lines(found: Overview) -> list[UnitLine]:
    """Each unit's latest round: the team's agreed bead on every theme, and its barriers on every thread."""
    by_unit: dict[int, dict[str, Any]] = {}
    for thread in [*found.themes, *found.elements]:
        for placed in thread.units:
            line = by_unit.setdefault(placed.unit_id, {"placed": placed, "cells": {}, "barriers": 0})
            line["barriers"] += placed.barriers
            if placed.position is not None:
                line["cells"][thread.key] = found.scale.brief(placed.position)
    ordered = sorted(by_unit.values(), key=lambda line: (line["placed"].unit_name, line["placed"].unit_id))
    return [
        UnitLine(
            unit_id=line["placed"].unit_id,
            unit_name=line["placed"].unit_name,
            round_id=line["placed"].round_id,
            held_on=line["placed"].held_on,
            cells=[line["cells"].get(t.key, "") for t in found.themes],
            barriers=line["barriers"],
        )
        for line in ordered
    ]


def unit_page(found: Overview, number: str | None) -> Page[UnitLine]:
    return Paginator(unit_lines(found), PAGE_SIZE).get_page(number)


def chart_images(found: Overview) -> dict[str, str]:
    """Every chart of the page as a ``data:`` URI, drawn from the overview already computed for it."""
    name = found.unit.name
    drawn = {
        "themes": charts.spread_chart(
            found, found.themes, title=_("%(name)s: team positions across units, per theme") % {"name": name}
        ),
        "elements": charts.spread_chart(
            found, found.elements, title=_("%(name)s: team positions across units, per element") % {"name": name}
        ),
        "progress": charts.progress_chart(
            found, title=_("%(name)s: median team position per theme, quarter by quarter") % {"name": name}
        ),
        "distance": charts.distance_chart(
            found, title=_("%(name)s: distance travelled since the previous round") % {"name": name}
        ),
    }
    return {which: charts.data_uri(svg) for which, svg in drawn.items()}
