"""The overview API: the standard cases, the filters, and small groups as `shown: false`."""

from __future__ import annotations

import pytest

from openpie.assessments.tests.api_operations import client_for_token, round_ids
from openpie.insights.tests.api_operations import INSIGHT_OPERATIONS
from openpie.insights.tests.factories import FIRST, Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db
PERSONAS = ("admin", "lead", "manager", "staff", "reader")


@pytest.mark.parametrize("operation", INSIGHT_OPERATIONS, ids=str)
@pytest.mark.parametrize("persona", [*PERSONAS, "outsider"])
def test_every_member_may_read_the_overview_and_an_outsider_gets_404(operation, persona, world):
    response = operation.send(client_for_token(getattr(world.people, persona)), round_ids(world))
    assert response.status_code == (404 if persona == "outsider" else 200), response.content


def test_figures_and_hidden_groups(world, tree, framework):
    units = bulk_units(tree.service, 5)
    # One unit's staff make a block of five (two more came after it); every other unit has one staff member.
    first_unit = Beads(position=9, target=11, staff=[5, 5, 5, 5, 5, 20, 20])
    bulk_rounds(units, framework, beads=[first_unit] + [Beads(position=9, target=11, staff=[20])] * 4)
    client = client_for_token(world.people.admin)

    body = client.get(f"/units/{tree.root.pk}/overview").json()

    first = next(t for t in body["themes"] if t["key"] == FIRST)
    assert first["teams"]["shown"]
    assert first["teams"]["count"] == 6
    assert first["target_gap"]["median"] == 2
    assert first["staff"] == {
        "shown": True,
        "count": 5,
        "median": 5.0,
        "lower_quartile": 5.0,
        "upper_quartile": 5.0,
        "lowest": 5,
        "highest": 5,
    }  # nothing of a block under five, nor of the two after the first five: no 20 anywhere
    assert first["service_users"] == dict.fromkeys(first["service_users"], None) | {"shown": False}


@pytest.mark.parametrize(
    "query",
    [
        "locality=999999",
        "client_group=nobody",
        "date_from=2025-02-30",
        "date_from=2025-06-01&date_to=2025-01-01",
        "locality=true",
    ],
)
def test_bad_filters_are_422(query, world, tree):
    response = client_for_token(world.people.admin).get(f"/units/{tree.root.pk}/overview?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]
