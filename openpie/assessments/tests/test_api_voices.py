"""API for many voices, part one: the standard cases for every operation, the list of contributions and
own beads (the overlay, the agreed position and setting aside are in test_api_overlay)."""

from __future__ import annotations

import pytest

from openpie.accounts.services import api_token_create
from openpie.api.api import api
from openpie.api.tests.conftest import ApiClient
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.tests.api_operations import (
    PERSONAS,
    VOICE_OPERATIONS,
    VoiceOperation,
    voice_ids,
)
from openpie.assessments.tests.factories import make_round_world
from openpie.assessments.tests.voices import STAFF, everyone, recorded


@pytest.fixture
def ids(world):
    return voice_ids(world)


# The standard cases, for every operation --------------------------------------------------------


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
def test_every_operation_declares_the_errors_it_can_answer_with(operation: VoiceOperation):
    declared = set(api.get_openapi_schema()["paths"][operation.schema_path][operation.method.lower()]["responses"])
    expected = {200, 401, 404, 422} | {code for _, code in operation.expected}
    if operation.is_write:
        expected |= {400, 403}
    if operation.method == "PUT" or operation.path.endswith("/consensus"):
        expected.add(409)
    assert expected <= declared


def test_every_operation_is_tagged_many_voices_and_none_is_public():
    schema = api.get_openapi_schema()
    voice_paths = {(op.method.lower(), op.schema_path) for op in VOICE_OPERATIONS}
    tagged = {
        (method, path)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "Many voices" in operation["tags"]
    }
    assert tagged == voice_paths
    for method, path in voice_paths:
        assert schema["paths"][path][method]["tags"] == ["Many voices"]
        assert schema["paths"][path][method]["security"]


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_operation_answers_each_persona_as_the_permission_table_says(operation, persona, world, ids, api_for):
    expected = operation.status_for(persona)
    before = recorded()
    response = operation.send(api_for(getattr(world.people, persona)), ids)
    assert response.status_code == expected, response.content
    assert response["Content-Type"].startswith("application/json")
    if expected == 403:
        assert recorded() == before
        assert response.json()["detail"] in {
            f"You cannot do this here ({operation.role_action}).",
            "The overlay is not shown yet.",
        }


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
def test_an_outsider_gets_404_and_learns_nothing(operation, world, ids, api_for):
    before = recorded()
    response = operation.send(api_for(world.people.outsider), ids)
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()
    assert recorded() == before


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
@pytest.mark.parametrize("credentials", ["none", "wrong-secret"])
def test_every_operation_refuses_a_missing_or_bad_token_with_401(operation, credentials, world, ids):
    _, value = api_token_create(user=world.people.admin, name="Tests")
    presented = None if credentials == "none" else value[:-4] + "abcd"
    before = recorded()
    response = operation.send(ApiClient(presented), ids)
    assert response.status_code == 401
    assert recorded() == before


ALLOWED: dict[str, set[str]] = {}
for _op in VOICE_OPERATIONS:
    ALLOWED.setdefault(_op.path.split("?")[0], set()).add(_op.method)


@pytest.mark.parametrize(("path", "allowed"), sorted(ALLOWED.items()))
def test_a_method_an_operation_does_not_have_gets_405(path, allowed, world, ids, api_for):
    client = api_for(world.people.admin)
    before = recorded()
    for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - allowed:
        response = client.request(method, path.format(**ids), {"reason": "x", "position": 3, "version": 0})
        assert response.status_code == 405, method
    assert recorded() == before


# Who has contributed ----------------------------------------------------------------------------


def test_the_list_names_staff_but_never_service_users_and_never_shows_beads(world, ids, api_for):
    round_ = world.round.round
    everyone(round_, staff=3, users=6, position=17, via="proxy")  # 3 + the admin's and the staff member's own
    body = api_for(world.people.reader).get(f"/rounds/{round_.pk}/contributions").json()

    assert body["threshold"] == 5
    assert body["team"]["state"] == "submitted"
    assert body["staff"]["shown"] is True
    assert body["staff"]["count"] == 5
    named = {i["author_id"]: i["name"] for i in body["staff"]["items"] if i["author_id"]}
    assert set(named) == {world.people.admin.pk, world.people.staff.pk}
    users = body["service_users"]
    assert (users["shown"], users["count"]) == (True, 7)  # the one made by voice_ids, and six more
    assert {frozenset(i) for i in users["items"]} == {frozenset({"id", "state", "created_on", "submitted_on"})}
    assert {frozenset(i) for i in body["staff"]["items"]} == {
        frozenset({"id", "state", "author_id", "name", "beads_placed", "created_at", "submitted_at"})
    }
    assert "proxy" not in str(body)


def test_a_group_below_the_threshold_is_listed_exactly_as_an_empty_one(world, api_for):
    round_ = world.round.round
    client = api_for(world.people.admin)
    empty = client.get(f"/rounds/{round_.pk}/contributions").json()
    everyone(round_, staff=4, users=4)
    few = client.get(f"/rounds/{round_.pk}/contributions").json()
    assert few == empty
    assert few["staff"] == few["service_users"] == {"shown": False, "count": None, "items": []}


def test_service_users_who_withdrew_are_not_counted_in_the_list(world, api_for):
    round_ = world.round.round
    everyone(round_, users=4)
    everyone(round_, users=1, state=Contribution.State.WITHDRAWN)
    body = api_for(world.people.admin).get(f"/rounds/{round_.pk}/contributions").json()
    assert body["service_users"]["shown"] is False


# Your own beads ---------------------------------------------------------------------------------


def test_a_member_starts_their_own_beads_once_and_places_them(world, api_for):
    round_ = world.round.round
    Round.objects.filter(pk=round_.pk).update(invites_individuals=True)
    client = api_for(world.people.staff)
    assert client.get(f"/rounds/{round_.pk}/contributions/mine").status_code == 404

    first = client.post(f"/rounds/{round_.pk}/contributions/mine")
    again = client.post(f"/rounds/{round_.pk}/contributions/mine")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["can_change"] is True
    assert len(first.json()["placements"]) == round_.threads.count()
    thread = world.round.thread
    moved = client.request(
        "PUT", f"/rounds/{round_.pk}/contributions/mine/placements/{thread.pk}", {"position": 3, "version": 0}
    )
    assert moved.status_code == 200
    assert moved.json() == {"id": moved.json()["id"], "thread_id": thread.pk, "position": 3, "version": 1}
    mine = client.get(f"/rounds/{round_.pk}/contributions/mine").json()
    assert [p["position"] for p in mine["placements"] if p["thread_id"] == thread.pk] == [3]
    assert Contribution.objects.filter(round=round_, kind=STAFF).count() == 1
    assert Placement.objects.get(pk=world.round.placement.pk).position == 7  # the team's bead did not move


def test_own_beads_are_refused_when_the_round_does_not_ask_for_them(world, api_for):
    round_ = world.round.round
    response = api_for(world.people.staff).post(f"/rounds/{round_.pk}/contributions/mine")
    assert response.status_code == 422
    assert "not asking for individual beads" in response.json()["detail"]
    assert not Contribution.objects.filter(kind=STAFF).exists()


def test_an_own_bead_from_an_old_version_gets_409_with_both_sides(world, ids, api_for):
    client = api_for(world.people.staff)
    url = f"/rounds/{ids['round']}/contributions/mine/placements/{ids['thread']}"
    assert client.request("PUT", url, {"position": 4, "version": 0}).status_code == 200
    stale = client.request("PUT", url, {"position": 9, "version": 0})
    assert stale.status_code == 409
    body = stale.json()
    assert (body["current_version"], body["theirs"]["position"], body["yours"]["position"]) == (1, 4, 9)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"position": 0, "version": 0}, "position"),
        ({"position": True, "version": 0}, "position"),
        ({"position": "7", "version": 0}, "position"),
        ({"position": 7, "version": -1}, "version"),
        ({"position": 7, "version": False}, "version"),
        ({"position": 7}, "version"),
    ],
)
def test_an_own_bead_that_is_not_a_position_gets_422(body, field, world, ids, api_for):
    url = f"/rounds/{ids['round']}/contributions/mine/placements/{ids['thread']}"
    response = api_for(world.people.staff).request("PUT", url, body)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]


def test_an_own_bead_off_the_scale_gets_422_naming_the_field(world, ids, api_for):
    url = f"/rounds/{ids['round']}/contributions/mine/placements/{ids['thread']}"
    response = api_for(world.people.staff).request("PUT", url, {"position": 21, "version": 0})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "position"]


def test_a_thread_of_another_round_is_404(world, other_tree, ids, api_for):
    theirs = make_round_world(other_tree.service, world.framework, by=world.people.outsider)
    client = api_for(world.people.admin)
    put = client.request(
        "PUT",
        f"/rounds/{ids['round']}/contributions/mine/placements/{theirs.thread.pk}",
        {"position": 4, "version": 0},
    )
    agreed = client.post(f"/rounds/{ids['round']}/threads/{theirs.thread.pk}/consensus", {"position": 4, "version": 1})
    assert put.status_code == agreed.status_code == 404
    assert Placement.objects.get(pk=theirs.placement.pk).version == 1
