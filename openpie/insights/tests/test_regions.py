"""Regions first: the level below as rows, each with its units' spread and barriers, and a way down to each."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.assessments.overlay.privacy import OUTSIDE
from openpie.insights.selectors import OverviewFilters, unit_overview
from openpie.insights.selectors.regions import region_of
from openpie.insights.tests.factories import FIRST, Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db


def _regions(tree, people, unit, **kwargs):
    found = unit_overview(unit=unit, viewer=people.admin, filters=OverviewFilters(), **kwargs)
    return found, {r.name: r for r in found.regions}


def test_a_unit_path_belongs_to_the_part_of_the_level_below_it_lies_under():
    assert region_of("/1/7/9/", "/1/") == 7
    assert region_of("/1/7/", "/1/") == 7
    assert region_of("/1/", "/1/") is None


def test_each_part_below_gets_a_row_with_its_units_spread_and_barriers(tree, people, framework):
    north = bulk_units(tree.root, 1, name="North")[0]
    bulk_rounds(bulk_units(north, 2, name="North hostel"), framework, beads=Beads(position=4, barriers=1))
    bulk_rounds(bulk_units(tree.service, 3, name="Hostel team"), framework, beads=Beads(position=12, barriers=2))

    found, rows = _regions(tree, people, tree.root)

    locality = rows[tree.locality.name]
    assert locality.units_counted == 3
    cell = next(c for c in locality.cells if c.key == FIRST)
    assert cell.teams.shown
    assert cell.teams.median == 12
    assert cell.barriers == 6  # two on each of three units' rounds
    assert locality.barriers == 30  # five themes
    north_row = rows["North 1"]
    assert north_row.units_counted == 2
    assert next(c for c in north_row.cells if c.key == FIRST).teams.median == 4
    assert [r.name for r in found.regions if not r.own] == sorted(rows)  # every part, by name


def test_a_part_without_rounds_still_has_its_row(tree, people, framework):
    bulk_units(tree.root, 1, name="Empty region")
    _found, rows = _regions(tree, people, tree.root)
    assert rows["Empty region 1"].units_counted == 0
    assert not rows["Empty region 1"].shown


def test_outside_the_organisation_a_part_shows_only_with_enough_units(tree, people, framework):
    bulk_rounds(bulk_units(tree.service, 3), framework, beads=Beads(position=9))
    _found, rows = _regions(tree, people, tree.root, audience=OUTSIDE)
    assert rows[tree.locality.name].units_counted == 3
    assert not rows[tree.locality.name].shown


def test_the_page_lists_three_units_of_a_small_agency_and_links_down(tree, people, framework, client_for):
    bulk_rounds(bulk_units(tree.service, 3, name="Hostel team"), framework, beads=Beads(position=9, barriers=1))

    text = client_for(people.admin).get(reverse("insights:overview", args=[tree.root.pk])).content.decode()

    assert "Too few units to show" not in text
    assert "The level below" in text
    assert reverse("insights:overview", args=[tree.locality.pk]) in text
    for name in ("Hostel team 1", "Hostel team 2", "Hostel team 3"):
        assert name in text
    assert "Basic 4" in text


def test_many_units_are_listed_only_on_request_a_page_at_a_time(tree, people, framework, client_for):
    bulk_rounds(bulk_units(tree.service, 30, name="Team"), framework, beads=Beads(position=9))
    client = client_for(people.admin)
    url = reverse("insights:overview", args=[tree.root.pk])

    first = client.get(url).content.decode()
    assert "Show all 30 units" in first
    assert "Team 10" not in first

    every = client.get(url, {"units": "all"}).content.decode()
    assert "units 1 to 25 of 30" in every
    second = client.get(url, {"units": "all", "upage": "2"}).content.decode()
    assert "units 26 to 30 of 30" in second


def test_many_parts_of_the_level_below_are_paged(tree, people, framework, client_for):
    bulk_rounds(bulk_units(tree.service, 30, name="Team"), framework, beads=Beads(position=9))
    client = client_for(people.admin)
    url = reverse("insights:overview", args=[tree.service.pk])

    assert "Parts 1 to 25 of 31" in client.get(url).content.decode()  # 30 teams and the night team
    assert "Parts 26 to 31 of 31" in client.get(url, {"page": "2"}).content.decode()


def test_the_api_gives_the_level_below_as_the_page_does(tree, people, framework, client_for):
    bulk_rounds(bulk_units(tree.service, 3), framework, beads=Beads(position=9, barriers=1))

    body = client_for(people.admin).get(f"/api/v1/units/{tree.root.pk}/overview").json()

    assert body["team_threshold"] == 1
    locality = next(r for r in body["regions"] if r["unit_id"] == tree.locality.pk)
    assert locality["units_counted"] == 3
    assert locality["barriers"] == 15
    assert next(c for c in locality["cells"] if c["key"] == FIRST)["teams"]["median"] == 9
