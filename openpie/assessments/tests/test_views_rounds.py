"""The unit's rounds, starting a round, the overview, state changes and the next round (HTML views)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Round
from openpie.assessments.tests.factories import make_round, place
from openpie.frameworks.services import wording_set

State = Round.State


def _close(round_: Round) -> Round:
    services.round_submit(round_=round_)
    return services.round_close(round_=round_)


# The unit's rounds ------------------------------------------------------------------------------


def test_the_rounds_list_shows_the_units_rounds_newest_first(world, client_for):
    old = make_round(world.tree.service, world.framework, title="Spring look", held_on=datetime.date(2025, 3, 1))
    make_round(world.tree.team, world.framework, title="The night team's own round")
    page = client_for(world.people.staff).get(reverse("assessments:round-list", args=[world.tree.service.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index(world.round.round.title) < text.index(old.title)
    assert "The night team&#x27;s own round" not in text
    assert reverse("assessments:round", args=[old.pk]) in text
    assert "Short form" in text
    assert "1 March 2025" in text
    assert "Start a round" in text


def test_a_read_only_member_sees_the_rounds_but_cannot_start_one(world, client_for):
    page = client_for(world.people.reader).get(reverse("assessments:round-list", args=[world.tree.service.pk]))
    assert page.status_code == 200
    assert world.round.round.title in page.content.decode()
    assert "Start a round" not in page.content.decode()


def test_the_rounds_list_runs_the_same_queries_however_many_rounds(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    url = reverse("assessments:round-list", args=[world.tree.service.pk])
    with django_assert_max_num_queries(6):
        client.get(url)
    for month in range(1, 9):
        make_round(world.tree.service, world.framework, held_on=datetime.date(2024, month, 1))
    with django_assert_max_num_queries(6):
        assert client.get(url).content.decode().count('<tr class="govuk-table__row">') == 10


# Starting a round -------------------------------------------------------------------------------


def test_the_start_form_offers_the_forms_themes_threads_and_framework(world, client_for):
    page = client_for(world.people.staff).get(reverse("assessments:round-new", args=[world.tree.service.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    for words in ["Short form", "Drill-down", "Single bead", "Psychological awareness", "Staff support", "PIEs 2.0"]:
        assert words in text
    assert 'name="theme_keys"' in text
    assert '<optgroup label="Staff training and support">' in text
    assert f'value="{world.framework.pk}" checked' in text


def test_starting_a_short_form_round(world, client_for):
    response = client_for(world.people.staff).post(
        reverse("assessments:round-new", args=[world.tree.service.pk]),
        {"form": "short", "framework": world.framework.pk, "held_on": "2026-11-23", "title": "Winter round"},
    )
    round_ = Round.objects.get(title="Winter round")
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:round", args=[round_.pk])
    assert (round_.unit, round_.state, round_.held_on) == (world.tree.service, State.DRAFT, datetime.date(2026, 11, 23))
    assert round_.threads.count() == 5
    assert round_.created_by == world.people.staff


def test_starting_a_drill_down_and_a_single_bead_round(world, client_for):
    client = client_for(world.people.lead)
    url = reverse("assessments:round-new", args=[world.tree.service.pk])
    base = {"framework": world.framework.pk, "held_on": "23/11/2026"}
    client.post(url, {**base, "form": "drill_down", "theme_keys": ["the-three-rs"], "title": "Three Rs"})
    client.post(url, {**base, "form": "single", "thread_key": "staff-support", "title": "Support only"})
    assert Round.objects.get(title="Three Rs").threads.count() == 3
    assert list(Round.objects.get(title="Support only").threads.values_list("key", flat=True)) == ["staff-support"]


def test_a_drill_down_rounds_pages_name_the_themes_it_opened_up(world, client_for):
    words: dict[str, Any] = {"short_name": "", "description": "", "guiding_questions": [], "easy_read": ""}
    organisation, key = world.tree.organisation, "staff-training-and-support"
    wording_set(organisation=organisation, framework=world.framework, key=key, name="Looking after staff", **words)
    round_ = make_round(world.tree.service, world.framework, form=Round.Form.DRILL_DOWN, theme_keys=[key])
    client = client_for(world.people.staff)
    overview = client.get(reverse("assessments:round", args=[round_.pk])).content.decode()
    assert "Themes opened up" in overview
    assert "Looking after staff" in overview
    for stage in ("where", "evidence", "factors"):
        page = client.get(reverse(f"assessments:stage-{stage}", args=[round_.pk])).content.decode()
        assert '<span class="govuk-caption-m">Looking after staff</span>' in page, stage
    short = client.get(reverse("assessments:round", args=[world.round.round.pk])).content.decode()
    assert "Themes opened up" not in short


def test_a_drill_down_started_with_two_themes_opens_both(world, client_for):
    client = client_for(world.people.lead)
    url = reverse("assessments:round-new", args=[world.tree.service.pk])
    text = client.get(url).content.decode()
    for key in ("the-three-rs", "staff-training-and-support"):
        assert f'type="checkbox" value="{key}"' in text
    assert 'name="theme_keys" type="radio"' not in text
    client.post(
        url,
        {
            "framework": world.framework.pk,
            "held_on": "23/11/2026",
            "form": "drill_down",
            "theme_keys": ["staff-training-and-support", "the-three-rs"],
            "title": "Two themes",
        },
    )
    keys = set(Round.objects.get(title="Two themes").threads.values_list("key", flat=True))
    assert keys == {"staff-training", "staff-support", "rules-and-procedures", "roles", "responsiveness"}


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        ({"form": "drill_down"}, "Choose at least one theme to open up", "#id_theme_keys_0"),
        ({"form": "single", "thread_key": ""}, "Choose the one thread to look at", "#id_thread_key"),
        ({"form": "short", "held_on": "31/02/2026"}, "Enter a real date, like 23/11/2026", "#id_held_on"),
        ({"form": "short", "framework": "999999"}, "Choose a published framework your organisation can use", ""),
        ({"form": ""}, "Choose how much of the framework to look at", "#id_form_0"),
    ],
)
def test_a_bad_start_shows_a_clear_error_and_keeps_what_was_typed(world, client_for, data, message, anchor):
    before = Round.objects.count()
    posted = {"framework": world.framework.pk, "held_on": "2026-11-23", "title": "Keep this title", **data}
    page = client_for(world.people.staff).post(reverse("assessments:round-new", args=[world.tree.service.pk]), posted)
    text = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in text
    assert message in text
    assert f'<a href="{anchor}">' in text or not anchor
    assert 'value="Keep this title"' in text
    assert Round.objects.count() == before


@pytest.mark.parametrize(("persona", "status"), [("reader", 403), ("manager", 403), ("outsider", 404)])
def test_only_people_who_may_start_rounds_can_post_the_start_form(world, client_for, persona, status):
    response = client_for(getattr(world.people, persona)).post(
        reverse("assessments:round-new", args=[world.tree.service.pk]),
        {"form": "short", "framework": world.framework.pk, "held_on": "2026-11-23", "title": "Sneaky"},
    )
    assert response.status_code == status
    assert not Round.objects.filter(title="Sneaky").exists()


# The overview -----------------------------------------------------------------------------------


def test_the_overview_is_a_task_list_with_barriers_beside_each_bead(world, client_for):
    page = client_for(world.people.reader).get(reverse("assessments:round", args=[world.round.round.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "govuk-task-list" in text
    assert text.count("Completed") == 4  # the first thread: bead, evidence, factors, action
    assert text.count("Not yet started") == 16
    assert "Bead: <strong>Basic, position 2 of 5</strong>. Target: Progressing, position 2 of 5" in text
    assert "Bead: <strong>No bead yet</strong>" in text
    assert "Barriers outside the team's control" in text
    assert "No move-on flats in the borough" in text
    assert "Move-on accommodation:" in text
    where = reverse("assessments:stage-where", args=[world.round.round.pk])
    assert f'href="{where}#thread-{world.round.thread.key}"' in text
    assert "Send for review" not in text  # a read-only member gets no buttons


def test_the_overview_offers_the_state_changes_the_person_may_make(world, client_for):
    url = reverse("assessments:round", args=[world.round.round.pk])
    assert "Send for review" in client_for(world.people.staff).get(url).content.decode()
    services.round_submit(round_=world.round.round)
    staff_page = client_for(world.people.staff).get(url).content.decode()
    lead_page = client_for(world.people.lead).get(url).content.decode()
    assert "Reopen for changes" in staff_page
    assert "Close the round" not in staff_page
    assert "Close the round" in lead_page


def test_a_closed_round_offers_the_next_round_once(world, client_for):
    round_ = _close(world.round.round)
    url = reverse("assessments:round", args=[round_.pk])
    assert (
        reverse("assessments:round-next", args=[round_.pk]) in client_for(world.people.staff).get(url).content.decode()
    )
    following = services.round_next(previous=round_, by=world.people.staff, title="The next one")
    text = client_for(world.people.staff).get(url).content.decode()
    assert reverse("assessments:round-next", args=[round_.pk]) not in text
    assert reverse("assessments:round", args=[following.pk]) in text


def test_the_overview_runs_the_same_queries_however_much_is_recorded(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    url = reverse("assessments:round", args=[world.round.round.pk])
    with django_assert_max_num_queries(11):  # 10, and one for the peer reviews in stage 5
        client.get(url)
    round_ = world.round.round
    for thread in round_.threads.all():
        place(round_, thread.key, 3)
        services.evidence_add(thread=thread, by=None, text="More evidence")
        services.factor_add(thread=thread, by=None, effect="helps", control="within", text="A helping hand")
        services.action_add(round_=round_, by=None, what="Another action", thread=thread)
    with django_assert_max_num_queries(11):
        assert client.get(url).content.decode().count("Not yet started") == 0


# State changes ----------------------------------------------------------------------------------


def _change(client, round_, to):
    return client.post(reverse("assessments:round-state", args=[round_.pk]), {"to": to}, follow=True)


def test_sending_for_review_reopening_and_closing(world, client_for):
    round_ = world.round.round
    staff, lead = client_for(world.people.staff), client_for(world.people.lead)
    assert "sent for review" in _change(staff, round_, "in_review").content.decode()
    assert Round.objects.get(pk=round_.pk).state == State.IN_REVIEW
    assert "open again for changes" in _change(staff, round_, "reopen").content.decode()
    _change(staff, round_, "in_review")
    assert "The round is closed" in _change(lead, round_, "closed").content.decode()
    assert Round.objects.get(pk=round_.pk).state == State.CLOSED


@pytest.mark.parametrize("to", ["open", "reopen", "closed", "nonsense", ""])
def test_a_change_the_round_cannot_make_is_refused_and_nothing_changes(world, client_for, to):
    response = _change(client_for(world.people.lead), world.round.round, to)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has changed." in text
    assert Round.objects.get(pk=world.round.round.pk).state == State.OPEN


@pytest.mark.parametrize(("persona", "to", "status"), [("reader", "in_review", 403), ("staff", "closed", 403)])
def test_state_changes_follow_the_permission_table(world, client_for, persona, to, status):
    if to == "closed":
        services.round_submit(round_=world.round.round)
    before = Round.objects.get(pk=world.round.round.pk).state
    response = client_for(getattr(world.people, persona)).post(
        reverse("assessments:round-state", args=[world.round.round.pk]), {"to": to}
    )
    assert response.status_code == status
    assert Round.objects.get(pk=world.round.round.pk).state == before


def test_state_changes_are_post_only_and_hidden_from_outsiders(world, client_for):
    url = reverse("assessments:round-state", args=[world.round.round.pk])
    assert client_for(world.people.lead).get(url).status_code == 405
    assert client_for(world.people.outsider).post(url, {"to": "in_review"}).status_code == 404
    assert Round.objects.get(pk=world.round.round.pk).state == State.OPEN


# The next round ---------------------------------------------------------------------------------


def test_the_next_round_page_says_to_close_the_round_first(world, client_for):
    client = client_for(world.people.staff)
    url = reverse("assessments:round-next", args=[world.round.round.pk])
    assert "before opening the next one" in client.get(url).content.decode()
    response = client.post(url, {"held_on": "2026-12-01", "title": ""})
    assert "Close this round before opening the next one." in response.content.decode()
    assert Round.objects.count() == 1


def test_opening_the_next_round_goes_to_its_first_stage(world, client_for):
    round_ = _close(world.round.round)
    client = client_for(world.people.staff)
    url = reverse("assessments:round-next", args=[round_.pk])
    response = client.post(url, {"held_on": "2027-02-01", "title": "Spring 2027"})
    following = Round.objects.get(previous=round_)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:stage-where", args=[following.pk])
    assert (following.title, following.held_on) == ("Spring 2027", datetime.date(2027, 2, 1))
    again = client.post(url, {"held_on": "2027-03-01", "title": "Twice"})
    assert "already been opened" in again.content.decode()
    assert not Round.objects.filter(title="Twice").exists()


def test_a_read_only_member_cannot_open_the_next_round(world, client_for):
    round_ = _close(world.round.round)
    response = client_for(world.people.reader).post(
        reverse("assessments:round-next", args=[round_.pk]), {"held_on": "2027-02-01"}
    )
    assert response.status_code == 403
    assert not Round.objects.filter(previous=round_).exists()


def test_the_unit_page_lists_its_latest_rounds(world, client_for):
    text = client_for(world.people.staff).get(reverse("organisations:unit", args=[world.tree.service.pk])).content
    page = text.decode()
    assert world.round.round.title in page
    assert reverse("assessments:round-new", args=[world.tree.service.pk]) in page
    assert reverse("assessments:round-list", args=[world.tree.service.pk]) in page
    assert reverse("assessments:history", args=[world.tree.service.pk]) in page
    reader_page = client_for(world.people.reader).get(reverse("organisations:unit", args=[world.tree.service.pk]))
    assert reverse("assessments:round-new", args=[world.tree.service.pk]) not in reader_page.content.decode()
