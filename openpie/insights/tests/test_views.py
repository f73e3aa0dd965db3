"""The overview page and its charts: works, outsiders get 404, bad filters say what is wrong, charts are SVG."""

from __future__ import annotations

import base64
import datetime
import re

import pytest
from django.urls import reverse

from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(tree, framework):
    units = bulk_units(tree.service, 6, client_group="homelessness", service_type="hostel")
    beads = Beads(position=9, target=12, previous=7, staff=[8] * 5, service_users=[11] * 5, barriers=2)
    bulk_rounds(units, framework, held_on=datetime.date(2024, 6, 1), beads=beads)
    bulk_rounds(units, framework, held_on=datetime.date(2025, 6, 1), beads=beads)
    return units


def test_the_overview_shows_each_theme_in_words_with_links_to_each_round(teams, tree, people, client_for):
    response = client_for(people.manager).get(reverse("insights:overview", args=[tree.locality.pk]))

    assert response.status_code == 200
    text = response.content.decode()
    assert "6 units with a round" in text
    assert "Basic 4" in text  # the median, in words
    assert "3 positions to the right" in text  # the gap to target
    assert reverse("assessments:round", args=[teams[0].rounds.order_by("-held_on").first().pk]) in text
    assert 'src="data:image/svg+xml;base64,' in text  # the charts come with the page
    assert "Basic 3" in text
    assert "Progressing 1" in text
    assert "2024 Q2" in text
    assert "2025 Q2" in text


def test_an_outsider_gets_404(tree, people, client_for):
    assert client_for(people.outsider).get(reverse("insights:overview", args=[tree.root.pk])).status_code == 404


def test_bad_filters_are_explained(tree, people, client_for):
    url = reverse("insights:overview", args=[tree.root.pk])
    response = client_for(people.admin).get(
        url, {"date_from": "31/02/2025", "date_to": "2025-01-01", "locality": "999"}
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Enter the start date as a year, month and day, like 2025-01-31" in text
    assert f"Choose a part of {tree.root.name} from the list" in text


def test_the_end_must_not_come_before_the_start(tree, people, client_for):
    url = reverse("insights:overview", args=[tree.root.pk])
    response = client_for(people.admin).get(
        url, {"rounds": "period", "date_from": "2025-06-01", "date_to": "2025-01-01"}
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_every_chart_is_drawn_in_the_page_as_an_svg_without_scripts(teams, tree, people, client_for):
    response = client_for(people.admin).get(
        reverse("insights:overview", args=[tree.root.pk]), {"client_group": "homelessness"}
    )

    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', response.content.decode())
    assert len(images) == 3  # themes, progress, distance (no elements in these rounds)
    for image in images:
        svg = base64.b64decode(image)
        assert svg.startswith(b"<?xml") or b"<svg" in svg[:400]
        assert b"<script" not in svg
    assert len(set(images)) == 3  # three different charts, each drawn once


def test_the_charts_are_not_a_route_of_their_own_any_more(tree, people, client_for):
    """The page draws them from the computation it has already made: nothing to recompute per chart."""
    assert client_for(people.admin).get(f"/units/{tree.root.pk}/overview/themes.svg").status_code == 404


def test_the_unit_page_links_to_the_overview(tree, people, client_for):
    response = client_for(people.staff).get(reverse("organisations:unit", args=[tree.service.pk]))
    assert reverse("insights:overview", args=[tree.service.pk]) in response.content.decode()
