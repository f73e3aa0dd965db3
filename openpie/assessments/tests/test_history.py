"""A unit's rounds over time: the list, the chart (an SVG image with no scripts) and its data table."""

from __future__ import annotations

import datetime
import html
import re
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.tests.factories import make_round, place

SVG = "{http://www.w3.org/2000/svg}"


def history_url(world) -> str:
    return reverse("assessments:history", args=[world.tree.service.pk])


def chart_url(world) -> str:
    return reverse("assessments:history-chart", args=[world.tree.service.pk])


def add_rounds(world, count: int) -> None:
    for n in range(count):
        round_ = make_round(
            world.tree.service, world.framework, by=world.people.staff, held_on=datetime.date(2023, 1 + n, 1)
        )
        services.round_open(round_=round_)
        thread = round_.threads.order_by("position").first()
        assert thread is not None
        place(round_, thread.key, 3 + n, by=world.people.staff)


def test_history_lists_rounds_and_tabulates_positions_with_barriers(world, client_for):
    add_rounds(world, 1)
    response = client_for(world.people.reader).get(history_url(world))
    assert response.status_code == 200
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
    page = response.content.decode()
    round_ = world.round.round
    assert reverse("assessments:round", args=[round_.pk]) in page
    assert round_.title in text
    assert "Short form: one thread per theme" in text
    assert "Open" in text
    assert "Basic 2 1 barrier" in text  # this round: Basic 2, held back by one barrier
    assert "Poor? 3" in text  # the earlier round
    assert f'src="{chart_url(world)}"' in page
    assert "Positions per round" in text


def test_chart_is_an_svg_image_without_scripts(world, client_for):
    add_rounds(world, 2)
    response = client_for(world.people.reader).get(chart_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert "<script" not in body.lower()
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    assert not any(el.tag == f"{SVG}script" for el in root.iter())
    hrefs = [v for el in root.iter() for k, v in el.attrib.items() if k.endswith("href")]
    assert not [h for h in hrefs if "//" in h]  # nothing fetched from elsewhere
    assert "Basic 1" in body  # levels name the y axis
    assert "Awareness" in body or "Psychological awareness" in body
    assert (
        "script-src" not in response.get("Content-Security-Policy", "")
        or "'none'" in response["Content-Security-Policy"]
    )


def test_chart_of_a_unit_with_no_rounds(world, client_for):
    response = client_for(world.people.reader).get(reverse("assessments:history-chart", args=[world.tree.team.pk]))
    assert response.status_code == 200
    assert b"No rounds yet" in response.content


@pytest.mark.parametrize("name", ["assessments:history", "assessments:history-chart"])
def test_outsiders_get_404_on_history(name, world, client_for):
    url = reverse(name, args=[world.tree.service.pk])
    assert client_for(world.people.outsider).get(url).status_code == 404
    assert client_for(world.people.reader).get(url).status_code == 200


@pytest.mark.parametrize("name", ["assessments:history", "assessments:history-chart"])
def test_history_queries_do_not_grow_with_rounds(name, world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    url = reverse(name, args=[world.tree.service.pk])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    add_rounds(world, 4)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
