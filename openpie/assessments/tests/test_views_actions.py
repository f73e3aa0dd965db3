"""Stage 4 pages: the action plan, with owners, due dates (GOV.UK date input), status and links."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from openpie.assessments import services
from openpie.assessments.models import Action

FETCH: dict[str, Any] = {"HTTP_X_REQUESTED_WITH": "fetch"}


def _stage(world) -> str:
    return reverse("assessments:stage-actions", args=[world.round.round.pk])


def _add(world) -> str:
    return reverse("assessments:action-add", args=[world.round.round.pk])


def _edit(action: Action) -> str:
    return reverse("assessments:action-edit", args=[action.pk])


def _due(day: int | str, month: int | str, year: int | str) -> dict[str, str]:
    return {"due_on_day": str(day), "due_on_month": str(month), "due_on_year": str(year)}


def test_the_plan_lists_actions_and_overdue_ones_say_so_in_words(world, client_for):
    services.action_add(
        round_=world.round.round,
        by=None,
        what="Book the reflective practice room",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
        owner=world.people.staff,
    )
    response = client_for(world.people.reader).get(_stage(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ask the council about move-on" in html
    assert "Book the reflective practice room" in html
    assert html.count(">Overdue</strong>") == 1
    assert "openpie-action--overdue" in html
    assert str(world.people.staff) in html
    assert "No move-on flats in the borough" in html  # the linked factor
    assert _add(world) not in html  # a reader has no add form


def test_the_add_form_offers_members_of_the_unit_and_above_only(world, client_for):
    html = client_for(world.people.staff).get(_stage(world)).content.decode()
    for person in (world.people.admin, world.people.manager, world.people.staff):
        assert f'<option value="{person.pk}">' in html
    assert f'<option value="{world.people.outsider.pk}">' not in html
    assert 'name="due_on_day"' in html
    assert "data-autosave" in html


def test_adding_an_action_with_a_member_and_a_due_date(world, client_for):
    data = {
        "what": "Run a resident survey",
        "owner": world.people.staff.pk,
        "status": "planned",
        "thread": world.round.thread.pk,
        **_due(27, 3, 2026),
    }
    response = client_for(world.people.staff).post(_add(world), data)
    assert response.status_code == 302
    action = Action.objects.get(what="Run a resident survey")
    assert (action.owner, action.due_on, action.thread) == (
        world.people.staff,
        datetime.date(2026, 3, 27),
        world.round.thread,
    )


def test_an_owner_can_be_a_typed_name(world, client_for):
    data = {"what": "Repaint the lounge", "owner": "", "owner_name": "The volunteers", "status": "planned"}
    client_for(world.people.staff).post(_add(world), data)
    assert Action.objects.get(what="Repaint the lounge").owner_name == "The volunteers"


def test_an_owner_from_another_organisation_is_refused(world, client_for):
    data = {"what": "Sneaky", "owner": world.people.outsider.pk, "status": "planned"}
    response = client_for(world.people.staff).post(_add(world), data, **FETCH)
    assert response.status_code == 400
    assert response.json()["errors"]["owner"] == ["Choose someone who is a member of this team"]


def test_a_date_that_is_not_a_date_gets_enter_a_real_date(world, client_for):
    data = {"what": "Plan", "status": "planned", **_due(31, 2, 2026)}
    html = client_for(world.people.staff).post(_add(world), data).content.decode()
    assert "Enter a real date" in html
    assert "govuk-error-summary" in html
    assert 'href="#id_due_on"' in html
    assert 'value="31"' in html  # what was typed is kept
    assert not Action.objects.filter(what="Plan").exists()


def test_a_partial_or_silly_date_is_explained(world, client_for):
    client = client_for(world.people.staff)
    partial = client.post(_add(world), {"what": "P", "status": "planned", **_due(3, "", 2026)}, **FETCH)
    assert partial.json()["errors"]["due_on"] == ["Due date must include a month"]
    words = client.post(_add(world), {"what": "P", "status": "planned", **_due("soon", 4, 2026)}, **FETCH)
    assert words.json()["errors"]["due_on"][0].startswith("Enter a real date")


def test_a_bad_edit_leaves_the_saved_action_unchanged(world, client_for):
    action = world.round.action
    data = {"what": "", "status": "done", "version": 1, **_due(1, 13, 2026)}
    response = client_for(world.people.staff).post(_edit(action), data, **FETCH)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"what", "due_on"}
    action.refresh_from_db()
    assert (action.what, action.status, action.due_on, action.version) == (
        "Ask the council about move-on",
        "planned",
        None,
        1,
    )


def test_the_review_records_done_and_what_changed_then_goes_back(world, client_for):
    action = world.round.action
    client = client_for(world.people.staff)
    page = client.get(_edit(action) + "?next=/rounds/1/review/").content.decode()
    assert "Is it done? What changed?" in page
    assert 'name="next" value="/rounds/1/review/"' in page
    data = {"what": action.what, "status": "done", "review_note": "Two flats offered", "version": 1, "next": "/x/"}
    response = client.post(_edit(action), data)
    assert response["Location"] == "/x/"
    action.refresh_from_db()
    assert (action.status, action.review_note) == ("done", "Two flats offered")


def test_next_may_not_leave_the_site(world, client_for):
    data = {"what": "Ask", "status": "planned", "version": 1, "next": "https://evil.example/"}
    response = client_for(world.people.staff).post(_edit(world.round.action), data)
    assert response["Location"] == _stage(world)


def test_autosave_creates_once_then_updates_and_conflicts_show_both(world, client_for):
    client = client_for(world.people.staff)
    first = client.post(_add(world), {"what": "Train new st", "status": "planned"}, **FETCH).json()
    client.post(first["edit_url"], {"what": "Train new staff", "status": "planned", "version": 1}, **FETCH)
    assert Action.objects.filter(what__startswith="Train new st").count() == 1
    action = Action.objects.get(what="Train new staff")
    services.action_update(action=action, version=2, by=None, what="Train all staff", due_on=datetime.date(2026, 5, 1))
    stale = client.post(
        first["edit_url"], {"what": "Train new staff in PIE", "status": "planned", "version": 2}, **FETCH
    )
    assert stale.status_code == 409
    answer = stale.json()
    assert answer["theirs"]["due_on"] == "2026-05-01"
    assert answer["yours"]["due_on"] == ""
    assert "1 May 2026" in answer["html"]


def test_a_reader_cannot_add_change_or_remove(world, client_for):
    client = client_for(world.people.reader)
    assert client.post(_add(world), {"what": "x", "status": "planned"}).status_code == 403
    assert client.post(_edit(world.round.action), {"what": "x", "status": "planned", "version": 1}).status_code == 403
    assert client.post(reverse("assessments:action-remove", args=[world.round.action.pk])).status_code == 403


def test_outsiders_get_404(world, client_for):
    client = client_for(world.people.outsider)
    assert client.get(_stage(world)).status_code == 404
    assert client.post(_add(world), {}).status_code == 404
    assert client.get(_edit(world.round.action)).status_code == 404


def test_removing_an_action(world, client_for):
    url = reverse("assessments:action-remove", args=[world.round.action.pk])
    client = client_for(world.people.staff)
    assert "Remove this action?" in client.get(url).content.decode()
    client.post(url)
    assert not Action.objects.filter(pk=world.round.action.pk).exists()


def test_the_plan_query_count_does_not_grow_with_actions(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    with django_assert_max_num_queries(25) as before:
        client.get(_stage(world))
    for n in range(8):
        services.action_add(
            round_=world.round.round,
            by=None,
            what=f"Action {n}",
            owner=world.people.staff if n % 2 else None,
            owner_name="" if n % 2 else "Volunteers",
            due_on=datetime.date(2020, 1, 1),
            thread=world.round.thread,
            factor=world.round.barrier,
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(_stage(world))
