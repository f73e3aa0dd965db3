"""Regions first: the level below a unit, one row per unit of it, each with its units' spread of team beads.

A row's units are every unit at or below it with a round the overview counts; the overview's own unit
has a row of its own when it holds rounds itself. One query (the units of the level below); the rest
is a fold over the threads the overview has already gathered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from openpie.insights.selectors.types import RegionCell, RegionRow, ThreadOverview, group_of
from openpie.organisations.models import Unit


def children_of(unit: Unit) -> list[tuple[int, str, str]]:
    """The units one level below ``unit``: (id, name, path), by name."""
    return list(Unit.objects.filter(parent_id=unit.pk).order_by("name", "id").values_list("id", "name", "path"))


def region_of(path: str, top_path: str) -> int | None:
    """Which unit of the level below ``top_path`` a unit's path lies under (None: the top unit itself)."""
    rest = path[len(top_path) :].strip("/")
    return int(rest.split("/", 1)[0]) if rest else None


def region_rows(
    *, top: Unit, children: Iterable[tuple[int, str, str]], threads: Iterable[ThreadOverview], teams_at: int
) -> list[RegionRow]:
    """A row per unit below ``top`` (and one for ``top``'s own rounds, if any), themes and elements alike."""
    threads = list(threads)
    positions: dict[tuple[int | None, str], list[int]] = defaultdict(list)
    barriers: dict[tuple[int | None, str], int] = defaultdict(int)
    units: dict[int | None, set[int]] = defaultdict(set)
    paths = {placed.unit_path for thread in threads for placed in thread.units}
    # Each unit's region, worked out once per unit rather than once per unit and thread.
    region_by_path = {path: region_of(path, top.path) for path in paths if path.startswith(top.path)}
    for thread in threads:
        for placed in thread.units:
            if placed.unit_path not in region_by_path:
                continue
            region = region_by_path[placed.unit_path]
            units[region].add(placed.unit_id)
            barriers[(region, thread.key)] += placed.barriers
            if placed.position is not None:
                positions[(region, thread.key)].append(placed.position)

    def row(region: int | None, name: str, own: bool = False) -> RegionRow:
        cells = tuple(
            RegionCell(
                key=t.key,
                teams=group_of(positions.get((region, t.key), []), teams_at),
                barriers=barriers.get((region, t.key), 0),
            )
            for t in threads
        )
        return RegionRow(unit_id=region or top.pk, name=name, units_counted=len(units[region]), cells=cells, own=own)

    rows = [row(None, top.name, own=True)] if units.get(None) else []
    return rows + [row(unit_id, name) for unit_id, name, _path in children]
