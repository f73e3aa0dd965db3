"""The overview page and its charts: works, outsiders get 404, bad filters say what is wrong, charts are SVG."""

from __future__ import annotations

import datetime

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
    assert reverse("insights:overview-chart", args=[tree.locality.pk, "progress"]) in text
    assert "Basic 3" in text
    assert "Progressing 1" in text
    assert "2024 Q2" in text
    assert "2025 Q2" in text


def test_an_outsider_gets_404(tree, people, client_for):
    for name, args in (("insights:overview", [tree.root.pk]), ("insights:overview-chart", [tree.root.pk, "themes"])):
        assert client_for(people.outsider).get(reverse(name, args=args)).status_code == 404


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


@pytest.mark.parametrize("which", ["themes", "elements", "progress", "distance"])
def test_every_chart_is_an_svg_without_scripts(which, teams, tree, people, client_for):
    url = reverse("insights:overview-chart", args=[tree.root.pk, which])
    response = client_for(people.admin).get(url, {"client_group": "homelessness"})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    assert b"<script" not in response.content


def test_an_unknown_chart_is_404(tree, people, client_for):
    url = reverse("insights:overview-chart", args=[tree.root.pk, "pie"])
    assert client_for(people.admin).get(url).status_code == 404


def test_the_unit_page_links_to_the_overview(tree, people, client_for):
    response = client_for(people.staff).get(reverse("organisations:unit", args=[tree.service.pk]))
    assert reverse("insights:overview", args=[tree.service.pk]) in response.content.decode()
