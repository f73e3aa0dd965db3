"""A commissioner sees another organisation's overview only through an accepted overview grant:
with a banner, the outside threshold (10), and no way into the rounds; nothing once it is revoked."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units
from openpie.sharing import services as sharing
from openpie.sharing.tests.conftest import make_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve_teams(tree, framework):
    units = bulk_units(tree.service, 12, client_group="homelessness", service_type="hostel")
    bulk_rounds(units, framework, held_on=datetime.date(2025, 6, 1), beads=Beads(position=9, staff=[8]))
    return units


def _share(tree, people, county, scope: str):
    asked = sharing.grant_request(grantee=county.organisation, unit=tree.locality, scope=scope, by=county.commissioner)
    return sharing.grant_accept(grant=asked, by=people.admin)


def _urls(unit) -> list[str]:
    return [
        reverse("insights:overview", args=[unit.pk]),
        f"/api/v1/units/{unit.pk}/overview",
    ]


def test_no_grant_or_a_barriers_only_grant_shows_nothing(twelve_teams, tree, people, client_for):
    county = make_county()
    client = client_for(county.commissioner)
    assert {client.get(url).status_code for url in _urls(tree.locality)} == {404}
    _share(tree, people, county, "barriers")
    assert {client.get(url).status_code for url in _urls(tree.locality)} == {404}


def test_an_overview_grant_shows_the_subtree_with_a_banner_and_no_rounds(twelve_teams, tree, people, client_for):
    county = make_county()
    _share(tree, people, county, "overview")
    client = client_for(county.commissioner)
    assert {client.get(url).status_code for url in _urls(tree.locality)} == {200}
    page = client.get(reverse("insights:overview", args=[tree.locality.pk])).content.decode()
    assert f"{tree.organisation.name} shares its overview" in page
    assert "12 units with a round" in page
    assert "Basic 4" in page
    assert "/rounds/" not in page  # the original rounds stay with the service
    assert reverse("organisations:unit", args=[tree.root.pk]) not in page  # nothing above the shared unit
    above = client.get(reverse("insights:overview", args=[tree.root.pk]))
    assert above.status_code == 404


def test_a_revoked_grant_stops_on_the_next_request(twelve_teams, tree, people, client_for):
    county = make_county()
    grant = _share(tree, people, county, "both")
    client = client_for(county.commissioner)
    assert client.get(_urls(tree.locality)[0]).status_code == 200
    sharing.grant_revoke(grant=grant, by=people.admin)
    assert {client.get(url).status_code for url in _urls(tree.locality)} == {404}


def test_a_grant_is_for_the_receiving_organisations_shared_view_roles_only(twelve_teams, tree, people, client_for):
    county = make_county()
    _share(tree, people, county, "overview")
    assert client_for(county.staff).get(_urls(tree.locality)[0]).status_code == 404
