"""API for rounds: a unit's rounds, starting one, one round, moving it on, and the next round.

The standard cases for every operation are in ``test_api.py``; beads in ``test_api_placements.py``.
"""

from __future__ import annotations

import datetime

import pytest

from openpie.assessments import services
from openpie.assessments.models import Round
from openpie.assessments.tests.factories import make_round
from openpie.frameworks.models import Framework

# A unit's rounds --------------------------------------------------------------------------------


def test_a_units_rounds_are_listed_latest_first_and_paged(world, api_for):
    older = make_round(
        world.tree.service, world.framework, title="Spring look", held_on=datetime.date.fromisoformat("2024-04-01")
    )
    make_round(world.tree.team, world.framework, title="The team's own")
    client = api_for(world.people.reader)

    first = client.get(f"/units/{world.tree.service.pk}/rounds?limit=1").json()
    second = client.get(f"/units/{world.tree.service.pk}/rounds?limit=1&offset=1").json()

    assert first["count"] == second["count"] == 2
    assert [r["id"] for r in first["items"] + second["items"]] == [world.round.round.pk, older.pk]
    assert second["items"][0] == {
        "id": older.pk,
        "unit_id": world.tree.service.pk,
        "framework_id": world.framework.pk,
        "form": "short",
        "state": "draft",
        "title": "Spring look",
        "held_on": "2024-04-01",
        "previous_id": None,
        "theme_keys": [],
        "is_editable": True,
        "created_at": second["items"][0]["created_at"],
        "opened_at": None,
        "closed_at": None,
    }


def test_a_member_gets_404_for_the_rounds_of_a_unit_above_their_own(world, api_for):
    response = api_for(world.people.staff).get(f"/units/{world.tree.locality.pk}/rounds")
    assert response.status_code == 404


def test_listing_rounds_takes_the_same_queries_however_many_there_are(world, api_for, django_assert_max_num_queries):
    client = api_for(world.people.admin)
    url = f"/units/{world.tree.service.pk}/rounds"
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for _ in range(6):
        make_round(world.tree.service, world.framework)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).json()["count"] == 7


# Starting a round -------------------------------------------------------------------------------


def _start(client, unit, **body):
    return client.post(f"/units/{unit.pk}/rounds", body)


def test_staff_start_a_short_round_with_a_bead_for_every_theme(world, api_for):
    response = _start(
        api_for(world.people.staff),
        world.tree.team,
        form="short",
        framework_id=world.framework.pk,
        held_on="2025-03-31",
        title="  Spring round  ",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["state"], body["title"], body["held_on"], body["unit_id"]) == (
        "draft",
        "Spring round",
        "2025-03-31",
        world.tree.team.pk,
    )
    assert [t["key"] for t in body["threads"]] == [
        "psychological-awareness",
        "staff-training-and-support",
        "learning-and-enquiry",
        "spaces-of-opportunity",
        "the-three-rs",
    ]
    assert body["scale"] == {
        "levels": ["Poor?", "Basic", "Progressing", "Advanced"],
        "positions_per_level": 5,
        "position_count": 20,
    }
    bead = body["threads"][0]["placement"]
    assert bead == {
        "id": bead["id"],
        "thread_id": body["threads"][0]["id"],
        "position": None,
        "target": None,
        "previous_position": None,
        "distance": None,
        "version": 0,
    }
    assert Round.objects.get(pk=body["id"]).created_by == world.people.staff


def test_a_drill_down_round_opens_the_chosen_themes_into_their_elements(world, api_for):
    response = _start(
        api_for(world.people.admin),
        world.tree.service,
        form="drill_down",
        framework_id=world.framework.pk,
        held_on="2025-03-31",
        theme_keys=["staff-training-and-support"],
    )
    assert response.status_code == 201
    assert [t["key"] for t in response.json()["threads"]] == ["staff-training", "staff-support"]
    assert response.json()["theme_keys"] == ["staff-training-and-support"]


def test_a_single_bead_round_looks_at_one_thread(world, api_for):
    response = _start(
        api_for(world.people.admin),
        world.tree.service,
        form="single",
        framework_id=world.framework.pk,
        held_on="2025-03-31",
        thread_key="roles",
    )
    assert response.status_code == 201
    assert [(t["key"], t["kind"]) for t in response.json()["threads"]] == [("roles", "element")]


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({"form": "drill_down"}, ["body", "theme_keys"], "Choose at least one theme to open up"),
        ({"form": "single", "thread_key": "kindness"}, ["body", "thread_key"], "Choose the one thread to look at"),
        ({"framework_id": 987654}, ["body", "framework_id"], "Choose a published framework your organisation can use"),
        ({"title": "   "}, None, None),  # an empty title takes the default
    ],
)
def test_a_round_the_service_refuses_gets_422_naming_the_field(change, loc, message, world, api_for):
    body = {"form": "short", "framework_id": world.framework.pk, "held_on": "2025-03-31", **change}
    response = _start(api_for(world.people.admin), world.tree.service, **body)
    if loc is None:
        assert response.status_code == 201
        assert response.json()["title"].startswith("Round — Riverside hostel, March 2025")
        return
    assert response.status_code == 422
    assert response.json()["errors"] == [{"loc": loc, "msg": message, "type": "value_error"}]
    assert Round.objects.count() == 1


def test_a_draft_framework_cannot_be_used(world, api_for):
    draft = Framework.objects.create(key="draft", version="0.1", name="Draft", levels=["A", "B"])
    body = {"form": "short", "framework_id": draft.pk, "held_on": "2025-03-31"}
    response = _start(api_for(world.people.admin), world.tree.service, **body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "framework_id"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"held_on": "31/03/2025"}, "held_on", "Enter a real date as YYYY-MM-DD, for example 2025-03-31"),
        ({"held_on": "2025-02-30"}, "held_on", "Enter a real date as YYYY-MM-DD, for example 2025-03-31"),
        ({"held_on": 1743379200}, "held_on", "Enter a real date as YYYY-MM-DD, for example 2025-03-31"),
        ({"held_on": "2025-W13-1"}, "held_on", "Enter a real date as YYYY-MM-DD, for example 2025-03-31"),
        ({"form": "coffee"}, "form", "Input should be 'short', 'drill_down', 'single' or 'check_in'"),
        ({"framework_id": True}, "framework_id", "Input should be a valid integer"),
        ({"framework_id": "1"}, "framework_id", "Input should be a valid integer"),
        ({"title": "Spring\x00round"}, "title", "text must not contain NUL characters"),
        ({"title": "x" * 201}, "title", "String should have at most 200 characters"),
        ({"theme_keys": "staff-training-and-support"}, "theme_keys", "Input should be a valid list"),
    ],
)
def test_a_bad_new_round_gets_422_naming_the_field(change, field, message, world, api_for):
    body = {"form": "short", "framework_id": world.framework.pk, "held_on": "2025-03-31", **change}
    response = _start(api_for(world.people.admin), world.tree.service, **body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["loc"] for e in errors] == [["body", field]]
    assert message in errors[0]["msg"]
    assert Round.objects.count() == 1


def test_a_member_cannot_start_a_round_above_their_own_unit(world, api_for):
    body = {"form": "short", "framework_id": world.framework.pk, "held_on": "2025-03-31"}
    response = _start(api_for(world.people.staff), world.tree.locality, **body)
    assert response.status_code == 404
    assert Round.objects.count() == 1


# One round --------------------------------------------------------------------------------------


def test_a_round_shows_each_threads_bead_with_the_barriers_beside_it(world, api_for):
    rw = world.round
    body = api_for(world.people.reader).get(f"/rounds/{rw.round.pk}").json()
    assert body["state"] == "open"
    first = body["threads"][0]
    assert first["id"] == rw.thread.pk
    assert first["placement"] == {
        "id": rw.placement.pk,
        "thread_id": rw.thread.pk,
        "position": 7,
        "target": 12,
        "previous_position": None,
        "distance": None,
        "version": 1,
    }
    assert (first["evidence_count"], first["factor_count"], first["action_count"], first["barrier_count"]) == (
        2,
        2,
        1,
        1,
    )
    assert first["barriers"] == [
        {
            "id": rw.barrier.pk,
            "text": "No move-on flats in the borough",
            "barrier_kind": {"key": rw.barrier.barrier_kind.key, "name": rw.barrier.barrier_kind.name},
        }
    ]
    assert all(t["barrier_count"] == 0 and t["placement"]["position"] is None for t in body["threads"][1:])


def test_a_round_takes_the_same_queries_however_much_is_recorded(world, api_for, django_assert_max_num_queries):
    rw = world.round
    client = api_for(world.people.admin)
    with django_assert_max_num_queries(12) as few:
        client.get(f"/rounds/{rw.round.pk}")
    for thread in rw.round.threads.all():
        services.evidence_add(thread=thread, by=None, text="More")
        services.factor_add(thread=thread, by=None, effect="helps", control="within", text="More")
        services.action_add(round_=rw.round, by=None, what="More", thread=thread, owner=world.people.staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/rounds/{rw.round.pk}").status_code == 200


# Moving a round on ------------------------------------------------------------------------------


def _move(client, round_, to):
    return client.post(f"/rounds/{round_.pk}/transitions", {"to": to})


def test_a_round_goes_from_draft_to_closed_and_back_to_open_from_review(world, api_for):
    round_ = make_round(world.tree.service, world.framework)
    client = api_for(world.people.lead)
    states = [_move(client, round_, to).json()["state"] for to in ("open", "in_review", "reopen", "in_review")]
    assert states == ["open", "in_review", "open", "in_review"]
    closed = _move(client, round_, "closed").json()
    assert (closed["state"], closed["is_editable"]) == ("closed", False)
    assert closed["closed_at"] is not None


def test_staff_send_a_round_for_review_but_cannot_close_it(world, api_for):
    client = api_for(world.people.staff)
    assert _move(client, world.round.round, "in_review").status_code == 200
    response = _move(client, world.round.round, "closed")
    assert response.status_code == 403
    assert response.json()["detail"] == "You cannot do this here (round.close)."
    assert Round.objects.get(pk=world.round.round.pk).state == "in_review"


@pytest.mark.parametrize(
    ("to", "message"),
    [
        ("open", "This round is open; it must be draft for this."),
        ("reopen", "This round is open; it must be in review for this."),
        ("closed", "This round is open; it must be in review for this."),
    ],
)
def test_a_move_the_state_does_not_allow_gets_422_with_the_reason(to, message, world, api_for):
    response = _move(api_for(world.people.admin), world.round.round, to)
    assert response.status_code == 422
    assert response.json()["detail"] == message
    assert Round.objects.get(pk=world.round.round.pk).state == "open"


@pytest.mark.parametrize("to", ["draft", "OPEN", "", None, 1])
def test_an_unknown_state_gets_422(to, world, api_for):
    response = _move(api_for(world.people.admin), world.round.round, to)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "to"]


# The next round ---------------------------------------------------------------------------------


def _closed(world):
    rw = world.round
    for change in (services.round_submit, services.round_close):
        change(round_=rw.round)
    return rw.round


def test_the_next_round_keeps_the_beads_as_ghosts_and_carries_open_actions(world, api_for):
    previous = _closed(world)
    response = api_for(world.people.staff).post(f"/rounds/{previous.pk}/next", {"title": "Autumn round"})
    assert response.status_code == 201
    body = response.json()
    assert (body["previous_id"], body["state"], body["title"]) == (previous.pk, "draft", "Autumn round")
    assert body["threads"][0]["placement"]["previous_position"] == 7
    services.round_open(round_=Round.objects.get(pk=body["id"]))
    bead = body["threads"][0]["placement"]
    moved = api_for(world.people.staff).request(
        "PUT", f"/placements/{bead['id']}", {"position": 10, "target": 12, "version": bead["version"]}
    )
    assert moved.json()["distance"] == 3
    carried = api_for(world.people.staff).get(f"/rounds/{body['id']}/actions").json()["items"]
    assert [(a["what"], a["carried_from_id"]) for a in carried] == [
        ("Ask the council about move-on", world.round.action.pk)
    ]


def test_the_next_round_needs_no_body(world, api_for):
    previous = _closed(world)
    response = api_for(world.people.admin).request("POST", f"/rounds/{previous.pk}/next", raw="")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("close", "message"),
    [
        (False, "Close this round before opening the next one."),
        (True, "The next round after this one has already been opened."),
    ],
)
def test_a_next_round_from_an_open_round_or_twice_gets_422(close, message, world, api_for):
    client = api_for(world.people.admin)
    round_ = world.round.round
    if close:
        _closed(world)
        assert client.post(f"/rounds/{round_.pk}/next", {}).status_code == 201
    response = client.post(f"/rounds/{round_.pk}/next", {})
    assert response.status_code == 422
    assert response.json()["detail"] == message
