"""API for what a round records: evidence and factors (and barriers). Actions are in ``test_api_actions.py``."""

from __future__ import annotations

import pytest

from openpie.assessments import services
from openpie.assessments.models import Action, Evidence, Factor
from openpie.assessments.tests.api_operations import barrier_kinds, validation_errors
from openpie.frameworks.models import BarrierKind

# Evidence ---------------------------------------------------------------------------------------


def test_evidence_is_listed_thread_by_thread_with_files_named(world, api_for):
    rw = world.round
    second = rw.round.threads.order_by("position")[1]
    services.evidence_add(thread=second, by=None, text="Residents run the garden")
    body = api_for(world.people.reader).get(f"/rounds/{rw.round.pk}/evidence").json()
    assert body["count"] == 3
    assert [(e["thread_id"], e["text"], e["file_name"]) for e in body["items"]] == [
        (rw.thread.pk, "Keyworkers meet each resident weekly", ""),
        (rw.thread.pk, "", "minutes.pdf"),
        (second.pk, "Residents run the garden", ""),
    ]
    assert body["items"][1]["file_type"] == "application/pdf"
    assert body["items"][1]["file_size"] > 0


def test_listing_evidence_takes_the_same_queries_however_much_there_is(world, api_for, django_assert_max_num_queries):
    client = api_for(world.people.admin)
    url = f"/rounds/{world.round.round.pk}/evidence"
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for n in range(10):
        services.evidence_add(thread=world.round.thread, by=None, text=f"Item {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).json()["count"] == 12


def test_staff_add_evidence_to_a_thread(world, api_for):
    response = api_for(world.people.staff).post(
        f"/threads/{world.round.thread.pk}/evidence", {"text": "  Residents chair the house meeting  "}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["text"], body["version"], body["file_name"]) == ("Residents chair the house meeting", 1, "")
    evidence = Evidence.objects.get(pk=body["id"])
    assert (evidence.thread_id, evidence.created_by) == (world.round.thread.pk, world.people.staff)


def test_the_api_says_files_are_attached_in_the_pages_only():
    from openpie.api.api import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/threads/{thread_id}/evidence"]["post"]
    assert "files are attached in the HTML pages" in operation["description"]


@pytest.mark.parametrize(
    ("text", "loc", "message"),
    [
        ("", ["body", "text"], "Enter what tells you so"),
        ("   ", ["body", "text"], "Enter what tells you so"),
        ("Weekly\x00meetings", ["body", "text"], "text must not contain NUL characters"),
        ("x" * 5001, ["body", "text"], "String should have at most 5000 characters"),
        (5, ["body", "text"], "Input should be a valid string"),
    ],
)
def test_evidence_that_cannot_be_saved_gets_422_naming_the_field(text, loc, message, world, api_for):
    response = api_for(world.people.staff).post(f"/threads/{world.round.thread.pk}/evidence", {"text": text})
    errors = validation_errors(response)
    assert [e[0] for e in errors] == [loc]
    assert message in errors[0][1]
    assert Evidence.objects.count() == 2


def test_evidence_of_exactly_the_limit_is_saved(world, api_for):
    response = api_for(world.people.staff).post(f"/threads/{world.round.thread.pk}/evidence", {"text": "x" * 5000})
    assert response.status_code == 201


def test_staff_change_evidence_from_the_version_they_read(world, api_for):
    evidence = world.round.evidence
    response = api_for(world.people.staff).patch(
        f"/evidence/{evidence.pk}", {"text": "Weekly, and logged", "version": 1}
    )
    assert response.status_code == 200
    assert (response.json()["text"], response.json()["version"]) == ("Weekly, and logged", 2)


def test_evidence_changed_from_an_old_version_gets_409_with_both_sides(world, api_for):
    evidence = world.round.evidence
    services.evidence_update(evidence=evidence, version=1, by=world.people.admin, text="Theirs")
    response = api_for(world.people.staff).patch(f"/evidence/{evidence.pk}", {"text": "Mine", "version": 1})
    assert response.status_code == 409
    assert response.json() | {"detail": ""} == {
        "detail": "",
        "current_version": 2,
        "theirs": {"text": "Theirs"},
        "yours": {"text": "Mine"},
    }
    assert Evidence.objects.get(pk=evidence.pk).text == "Theirs"


def test_a_file_item_may_lose_its_text_but_a_text_item_may_not(world, api_for):
    client = api_for(world.people.staff)
    assert client.patch(f"/evidence/{world.round.file_evidence.pk}", {"text": "", "version": 1}).status_code == 200
    errors = validation_errors(client.patch(f"/evidence/{world.round.evidence.pk}", {"text": " ", "version": 1}))
    assert errors == [(["body", "text"], "Enter what tells you so")]


@pytest.mark.parametrize("body", [{"text": "New"}, {"text": "New", "version": "1"}, {"text": "New", "version": False}])
def test_a_change_without_a_numeric_version_gets_422(body, world, api_for):
    response = api_for(world.people.staff).patch(f"/evidence/{world.round.evidence.pk}", body)
    assert [e[0] for e in validation_errors(response)] == [["body", "version"]]


def test_staff_remove_evidence_and_it_is_gone(world, api_for):
    client = api_for(world.people.staff)
    response = client.request("DELETE", f"/evidence/{world.round.file_evidence.pk}")
    assert response.status_code == 204
    assert not Evidence.objects.filter(pk=world.round.file_evidence.pk).exists()
    assert client.request("DELETE", f"/evidence/{world.round.file_evidence.pk}").status_code == 404


def test_nothing_recorded_changes_once_a_round_is_in_review(world, api_for):
    rw = world.round
    services.round_submit(round_=rw.round)
    client = api_for(world.people.admin)
    responses = [
        client.post(f"/threads/{rw.thread.pk}/evidence", {"text": "Late"}),
        client.patch(f"/evidence/{rw.evidence.pk}", {"text": "Late", "version": 1}),
        client.request("DELETE", f"/evidence/{rw.evidence.pk}"),
        client.post(f"/threads/{rw.thread.pk}/factors", {"effect": "helps", "control": "within", "text": "Late"}),
        client.patch(f"/factors/{rw.factor.pk}", {"text": "Late", "version": 1}),
        client.request("DELETE", f"/factors/{rw.factor.pk}"),
        client.post(f"/rounds/{rw.round.pk}/actions", {"what": "Late"}),
        client.patch(f"/actions/{rw.action.pk}", {"what": "Late", "version": 1}),
        client.request("DELETE", f"/actions/{rw.action.pk}"),
    ]
    assert {r.status_code for r in responses} == {422}
    assert {r.json()["detail"] for r in responses} == {"This round is in review, so what it records cannot change now."}
    assert (Evidence.objects.count(), Factor.objects.count(), Action.objects.count()) == (2, 2, 1)


# Factors and barriers ---------------------------------------------------------------------------


def test_factors_are_listed_with_their_barrier_fields(world, api_for):
    rw = world.round
    body = api_for(world.people.reader).get(f"/rounds/{rw.round.pk}/factors").json()
    assert body["count"] == 2
    helps, barrier = body["items"]
    assert (helps["is_barrier"], helps["barrier_kind"], helps["flag_managers"], helps["funder"]) == (
        False,
        None,
        False,
        "",
    )
    kind = rw.barrier.barrier_kind
    assert {k: barrier[k] for k in ("effect", "control", "is_barrier", "barrier_kind", "flag_managers", "funder")} == {
        "effect": "hinders",
        "control": "outside",
        "is_barrier": True,
        "barrier_kind": {"key": kind.key, "name": kind.name},
        "flag_managers": True,
        "funder": "County Council",
    }


def test_listing_factors_takes_the_same_queries_however_many_there_are(world, api_for, django_assert_max_num_queries):
    client = api_for(world.people.admin)
    url = f"/rounds/{world.round.round.pk}/factors"
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for kind in barrier_kinds(world.framework):
        services.factor_add(
            thread=world.round.thread,
            by=None,
            effect="hinders",
            control="outside",
            text=kind.name,
            barrier_kind=kind,
            flag_managers=True,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).json()["count"] > 5


def test_staff_raise_a_barrier_for_a_funder(world, api_for):
    kind = barrier_kinds(world.framework)[1]
    response = api_for(world.people.staff).post(
        f"/threads/{world.round.thread.pk}/factors",
        {
            "effect": "hinders",
            "control": "outside",
            "text": "The council's threshold shuts out people without a local connection",
            "barrier_kind": kind.key,
            "funder": "County Council",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["is_barrier"], body["barrier_kind"], body["flag_managers"], body["funder"]) == (
        True,
        {"key": kind.key, "name": kind.name},
        False,
        "County Council",
    )


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({}, ["body", "barrier_kind"], "Choose the kind of barrier"),
        ({"barrier_kind": "weather"}, ["body", "barrier_kind"], "Choose a kind of barrier from the round's framework"),
        (
            {"barrier_kind": "move-on-accommodation", "flag_managers": False},
            ["body", "flag_managers"],
            "Choose who should hear about this barrier: your managers, a funder, or both",
        ),
        ({"text": ""}, ["body", "text"], "Enter what helps or hinders"),
        ({"effect": "blocks"}, ["body", "effect"], "Input should be 'helps' or 'hinders'"),
        ({"control": None}, ["body", "control"], "Input should be 'within' or 'outside'"),
        ({"flag_managers": 1}, ["body", "flag_managers"], "Input should be a valid boolean"),
        ({"funder": "x" * 201}, ["body", "funder"], "String should have at most 200 characters"),
        ({"text": "No\x00flats"}, ["body", "text"], "text must not contain NUL characters"),
    ],
)
def test_a_factor_that_cannot_be_saved_gets_422_naming_the_field(change, loc, message, world, api_for):
    body = {"effect": "hinders", "control": "outside", "text": "No move-on flats", "flag_managers": True, **change}
    errors = validation_errors(api_for(world.people.staff).post(f"/threads/{world.round.thread.pk}/factors", body))
    assert [e[0] for e in errors] == [loc]
    assert message in errors[0][1]
    assert Factor.objects.count() == 2


def test_a_barrier_kind_of_another_framework_is_refused(world, api_for):
    from openpie.frameworks.models import Framework

    other = Framework.objects.create(key="other", version="1", name="Other", levels=["A"], status="published")
    BarrierKind.objects.create(framework=other, key="their-own", name="Their own")
    body = {"effect": "hinders", "control": "outside", "text": "x", "barrier_kind": "their-own", "flag_managers": True}
    errors = validation_errors(api_for(world.people.staff).post(f"/threads/{world.round.thread.pk}/factors", body))
    assert errors == [(["body", "barrier_kind"], "Choose a kind of barrier from the round's framework")]


def test_a_barrier_changed_into_something_that_helps_loses_its_barrier_fields(world, api_for):
    barrier = world.round.barrier
    response = api_for(world.people.staff).patch(f"/factors/{barrier.pk}", {"effect": "helps", "version": 1})
    assert response.status_code == 200
    body = response.json()
    assert (body["is_barrier"], body["barrier_kind"], body["flag_managers"], body["funder"], body["text"]) == (
        False,
        None,
        False,
        "",
        "No move-on flats in the borough",
    )


def test_fields_left_out_of_a_factor_change_keep_their_value(world, api_for):
    barrier = world.round.barrier
    other_kind = barrier_kinds(world.framework)[2]
    response = api_for(world.people.staff).patch(
        f"/factors/{barrier.pk}", {"barrier_kind": other_kind.key, "version": 1}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["barrier_kind"]["key"] == other_kind.key
    assert (body["text"], body["funder"], body["flag_managers"], body["version"]) == (
        "No move-on flats in the borough",
        "County Council",
        True,
        2,
    )


def test_a_factor_changed_from_an_old_version_gets_409_naming_kinds_by_key(world, api_for):
    barrier = world.round.barrier
    kinds = barrier_kinds(world.framework)
    services.factor_update(
        factor=barrier,
        version=1,
        by=world.people.admin,
        effect="hinders",
        control="outside",
        text="No flats at all",
        barrier_kind=kinds[0],
        flag_managers=True,
        funder="County Council",
    )
    response = api_for(world.people.staff).patch(f"/factors/{barrier.pk}", {"barrier_kind": kinds[3].key, "version": 1})
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert (body["theirs"]["barrier_kind"], body["theirs"]["text"]) == (kinds[0].key, "No flats at all")
    # what would be saved: their text (left out of the change, so taken as it is now) with your kind of barrier
    assert (body["yours"]["barrier_kind"], body["yours"]["text"]) == (kinds[3].key, "No flats at all")


def test_staff_remove_a_factor(world, api_for):
    response = api_for(world.people.staff).request("DELETE", f"/factors/{world.round.factor.pk}")
    assert response.status_code == 204
    assert list(Factor.objects.values_list("pk", flat=True)) == [world.round.barrier.pk]
