"""API for a round's actions, and the caller's own actions."""

from __future__ import annotations

import datetime

import pytest

from openpie.assessments import services
from openpie.assessments.models import Action
from openpie.assessments.tests.api_operations import validation_errors
from openpie.assessments.tests.factories import make_round, make_round_world

# Actions ----------------------------------------------------------------------------------------


def test_staff_add_an_action_owned_by_a_member_and_linked_to_a_barrier(world, api_for):
    rw = world.round
    response = api_for(world.people.staff).post(
        f"/rounds/{rw.round.pk}/actions",
        {
            "what": "Write to the council",
            "owner_id": world.people.staff.pk,
            "due_on": "2025-06-30",
            "factor_id": rw.barrier.pk,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("what", "owner_id", "owner_name", "due_on", "status", "thread_id", "factor_id")} == {
        "what": "Write to the council",
        "owner_id": world.people.staff.pk,
        "owner_name": world.people.staff.get_full_name(),
        "due_on": "2025-06-30",
        "status": "planned",
        "thread_id": rw.thread.pk,  # the factor's
        "factor_id": rw.barrier.pk,
    }
    assert body["is_overdue"] is True


def test_an_action_can_be_owned_by_someone_without_an_account(world, api_for):
    response = api_for(world.people.staff).post(
        f"/rounds/{world.round.round.pk}/actions", {"what": "Peer visit", "owner_name": "Sam (volunteer)"}
    )
    assert response.status_code == 201
    assert (response.json()["owner_id"], response.json()["owner_name"]) == (None, "Sam (volunteer)")


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        (
            {"due_on": "next Friday"},
            ["body", "due_on"],
            "Enter a real date as YYYY-MM-DD, for example 2025-03-31",
        ),
        (
            {"due_on": "2025-02-29"},
            ["body", "due_on"],
            "Enter a real date as YYYY-MM-DD, for example 2025-03-31",
        ),
        ({"due_on": 20250630}, ["body", "due_on"], "Enter a real date as YYYY-MM-DD, for example 2025-03-31"),
        (
            {"status": "later"},
            ["body", "status"],
            "Input should be 'planned', 'in_progress', 'done' or 'dropped'",
        ),
        ({"owner_id": True}, ["body", "owner_id"], "Input should be a valid integer"),
        ({"what": ""}, ["body", "what"], "Enter what you will do"),
        ({"what": "x" * 5001}, ["body", "what"], "String should have at most 5000 characters"),
        ({"owner_name": "A\x00"}, ["body", "owner_name"], "Value error, text must not contain NUL characters"),
        ({"owner_id": 987654}, ["body", "owner_id"], "Choose someone who is a member of this team"),
        ({"thread_id": 987654}, ["body", "thread_id"], "Choose a thread of this round"),
        ({"factor_id": 987654}, ["body", "factor_id"], "Choose a factor of this round"),
    ],
)
def test_an_action_that_cannot_be_saved_gets_422_with_a_clear_message(change, loc, message, world, api_for):
    body = {"what": "Book reflective practice", **change}
    errors = validation_errors(api_for(world.people.staff).post(f"/rounds/{world.round.round.pk}/actions", body))
    assert errors == [(loc, message)]
    assert Action.objects.count() == 1


def test_an_action_cannot_be_owned_by_or_linked_to_another_organisations_people_or_round(world, other_tree, api_for):
    theirs = make_round_world(other_tree.service, world.framework, by=world.people.outsider)
    url = f"/rounds/{world.round.round.pk}/actions"
    client = api_for(world.people.staff)
    assert validation_errors(client.post(url, {"what": "x", "owner_id": world.people.outsider.pk})) == [
        (["body", "owner_id"], "Choose someone who is a member of this team")
    ]
    assert validation_errors(client.post(url, {"what": "x", "thread_id": theirs.thread.pk})) == [
        (["body", "thread_id"], "Choose a thread of this round")
    ]
    assert validation_errors(client.post(url, {"what": "x", "factor_id": theirs.barrier.pk})) == [
        (["body", "factor_id"], "Choose a factor of this round")
    ]


def test_an_action_is_reviewed_and_fields_left_out_keep_their_value(world, api_for):
    action = world.round.action
    response = api_for(world.people.staff).patch(
        f"/actions/{action.pk}", {"status": "done", "review_note": "The council found two flats", "version": 1}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["review_note"], body["what"], body["factor_id"], body["version"]) == (
        "done",
        "The council found two flats",
        "Ask the council about move-on",
        world.round.barrier.pk,
        2,
    )


def test_null_clears_an_actions_due_date_and_factor(world, api_for):
    action = world.round.action
    services.action_update(
        action=action,
        version=1,
        by=None,
        what=action.what,
        due_on=datetime.date.fromisoformat("2025-05-01"),
        factor=world.round.barrier,
    )
    response = api_for(world.people.staff).patch(
        f"/actions/{action.pk}", {"due_on": None, "factor_id": None, "version": 2}
    )
    assert (response.json()["due_on"], response.json()["factor_id"]) == (None, None)


def test_an_action_changed_from_an_old_version_gets_409_with_owner_ids(world, api_for):
    action = world.round.action
    services.action_update(action=action, version=1, by=None, what="Theirs", owner=world.people.admin)
    response = api_for(world.people.staff).patch(
        f"/actions/{action.pk}", {"owner_id": world.people.staff.pk, "version": 1}
    )
    assert response.status_code == 409
    body = response.json()
    assert (body["theirs"]["owner_id"], body["yours"]["owner_id"]) == (world.people.admin.pk, world.people.staff.pk)
    assert body["theirs"]["what"] == body["yours"]["what"] == "Theirs"  # left out, so as it is now
    assert body["theirs"]["due_on"] is None


def test_staff_remove_an_action(world, api_for):
    response = api_for(world.people.staff).request("DELETE", f"/actions/{world.round.action.pk}")
    assert response.status_code == 204
    assert not Action.objects.exists()


def test_a_rounds_actions_are_listed_and_take_the_same_queries_however_many(
    world, api_for, django_assert_max_num_queries
):
    client = api_for(world.people.reader)
    url = f"/rounds/{world.round.round.pk}/actions?limit=2"
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for n in range(6):
        services.action_add(
            round_=world.round.round, by=None, what=f"Action {n}", owner=world.people.staff, thread=world.round.thread
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).json()
    assert body["count"] == 7
    assert len(body["items"]) == 2


# The caller's own actions -----------------------------------------------------------------------


def test_a_person_sees_their_own_actions_across_rounds(world, api_for):
    later = make_round(world.tree.team, world.framework, title="Night team round")
    services.round_open(round_=later)
    mine = services.action_add(round_=later, by=None, what="Night handover notes", owner=world.people.staff)
    services.action_add(round_=world.round.round, by=None, what="Someone else's", owner=world.people.admin)
    body = api_for(world.people.staff).get("/me/actions").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["id"], item["what"], item["round_id"], item["round_title"], item["unit_name"]) == (
        mine.pk,
        "Night handover notes",
        later.pk,
        "Night team round",
        world.tree.team.name,
    )
    assert item["owner_name"] == world.people.staff.get_full_name()


def test_a_persons_actions_take_the_same_queries_however_many(world, api_for, django_assert_max_num_queries):
    client = api_for(world.people.staff)
    services.action_add(round_=world.round.round, by=None, what="First", owner=world.people.staff)
    with django_assert_max_num_queries(8) as few:
        client.get("/me/actions")
    for n in range(6):
        round_ = make_round(world.tree.team, world.framework)
        services.action_add(round_=round_, by=None, what=f"Action {n}", owner=world.people.staff)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/me/actions").json()["count"] == 7
