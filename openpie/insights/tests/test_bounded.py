"""The overview and the home page stay the same size, in bytes and queries, whatever the number of units."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.assessments.models import Factor
from openpie.home.selectors import BARRIER_LINES
from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db

MAX_OVERVIEW_BYTES = 200_000
MAX_HOME_BYTES = 30_000


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize("where", ["root", "service"])
def test_the_overview_is_bounded(count, where, tree, people, framework, client_for, django_assert_max_num_queries):
    units = bulk_units(tree.service, count)
    bulk_rounds(units, framework, beads=Beads(position=9, target=12, previous=7, staff=[8] * 5, barriers=1))
    client = client_for(people.admin)
    url = reverse("insights:overview", args=[getattr(tree, where).pk])
    client.get(url)

    with django_assert_max_num_queries(20):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.content) < MAX_OVERVIEW_BYTES, len(response.content)


@pytest.mark.parametrize("count", [10, 500])
def test_the_home_page_is_bounded(count, tree, people, framework, client_for, django_assert_max_num_queries):
    """Even when every service has flagged a barrier to managers lately: a few lines, then the register."""
    bulk_rounds(bulk_units(tree.service, count), framework, beads=Beads(position=9, barriers=1))
    Factor.objects.update(flag_managers=True)
    client = client_for(people.admin)
    client.get("/")

    with django_assert_max_num_queries(20):
        response = client.get("/")

    assert response.status_code == 200
    assert len(response.content) < MAX_HOME_BYTES, len(response.content)
    text = response.content.decode()
    assert text.count("outside their control to managers.") == BARRIER_LINES
    assert "More services have flagged barriers to managers." in text
