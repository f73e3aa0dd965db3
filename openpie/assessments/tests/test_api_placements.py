"""API for beads: placing one, versions and conflicts, bad input, and whose bead it is.

The standard cases for every operation are in ``test_api.py``; rounds themselves in ``test_api_rounds.py``.
"""

from __future__ import annotations

import pytest

from openpie.assessments import services
from openpie.assessments.models import Placement
from openpie.assessments.tests.factories import make_round_world, place

# Beads ------------------------------------------------------------------------------------------


def _put(client, placement, **body):
    return client.request("PUT", f"/placements/{placement.pk}", body)


def test_staff_place_a_bead_and_its_version_moves_on(world, api_for):
    placement = world.round.placement
    response = _put(api_for(world.people.staff), placement, position=20, target=None, version=1)
    assert response.status_code == 200
    assert response.json() == {
        "id": placement.pk,
        "thread_id": placement.thread_id,
        "position": 20,
        "target": None,
        "previous_position": None,
        "distance": None,
        "version": 2,
    }
    placement.refresh_from_db()
    assert (placement.position, placement.target, placement.updated_by) == (20, None, world.people.staff)


def test_a_bead_placed_from_an_old_version_gets_409_with_both_sides(world, api_for):
    placement = world.round.placement
    place(world.round.round, placement.thread.key, 9, target=12, by=world.people.admin)  # someone else, version 2

    response = _put(api_for(world.people.staff), placement, position=4, target=12, version=1)

    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert body["theirs"] == {"position": 9, "target": 12}
    assert body["yours"] == {"position": 4, "target": 12}
    assert "Someone else changed this" in body["detail"]
    placement.refresh_from_db()
    assert (placement.position, placement.version) == (9, 2)


def test_a_retried_save_whose_answer_was_lost_is_not_a_conflict(world, api_for):
    client = api_for(world.people.staff)
    placement = world.round.placement
    assert _put(client, placement, position=11, target=12, version=1).status_code == 200
    retry = _put(client, placement, position=11, target=12, version=1)
    assert retry.status_code == 200
    assert retry.json()["version"] == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"position": 21}, "position", "Choose a position on the scale, from 1 to 20"),
        ({"target": 40}, "target", "Choose a position on the scale, from 1 to 20"),
    ],
)
def test_a_bead_off_the_scale_gets_422_naming_the_field(change, field, message, world, api_for):
    body = {"position": 7, "target": 12, "version": 1, **change}
    response = _put(api_for(world.people.staff), world.round.placement, **body)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"loc": ["body", field], "msg": message, "type": "value_error"}]
    assert Placement.objects.get(pk=world.round.placement.pk).version == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"position": 0}, "position"),
        ({"position": -3}, "position"),
        ({"position": True}, "position"),
        ({"position": "7"}, "position"),
        ({"position": 7.5}, "position"),
        ({"target": False}, "target"),
        ({"version": True}, "version"),
        ({"version": -1}, "version"),
        ({"version": 2**40}, "version"),
        ({"version": None}, "version"),
    ],
)
def test_a_bead_that_is_not_a_number_on_the_scale_gets_422(change, field, world, api_for):
    body = {"position": 7, "target": 12, "version": 1, **change}
    response = _put(api_for(world.people.staff), world.round.placement, **body)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]


@pytest.mark.parametrize("missing", ["position", "target", "version"])
def test_a_bead_must_say_all_of_position_target_and_version(missing, world, api_for):
    body = {"position": 7, "target": 12, "version": 1}
    del body[missing]
    response = _put(api_for(world.people.staff), world.round.placement, **body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", missing]


def test_a_bead_in_a_round_under_review_cannot_move(world, api_for):
    services.round_submit(round_=world.round.round)
    response = _put(api_for(world.people.staff), world.round.placement, position=3, target=None, version=1)
    assert response.status_code == 422
    assert response.json()["detail"] == "This round is in review, so what it records cannot change now."


def test_a_bead_of_another_organisation_is_404_like_one_that_is_not_there(world, other_tree, api_for):
    theirs = make_round_world(other_tree.service, world.framework, by=world.people.outsider)
    client = api_for(world.people.staff)
    response = _put(client, theirs.placement, position=1, target=None, version=1)
    missing = client.request("PUT", "/placements/987654", {"position": 1, "target": None, "version": 1})
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()
    assert Placement.objects.get(pk=theirs.placement.pk).position == 7
