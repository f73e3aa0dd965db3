"""Facilitated sessions: starting one, the lead's count (polled by htmx), showing the overlay only once
enough people have placed beads, what members see before and after, and ending it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from openpie.accounts.tests.factories import UserFactory
from openpie.assessments.models import Round, VotingSession
from openpie.assessments.services.contributions import (
    contribution_for_member,
    own_placement_record,
    session_reveal,
    session_start,
)
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant

HTMX = {"HX-Request": "true"}


def _url(name: str, round_: Round) -> str:
    return reverse(name, args=[round_.pk])


def members_place(round_: Round, tree, count: int, position: int = 8) -> list:
    people = []
    for n in range(count):
        person = UserFactory.create(email=f"member{n}@riverside.example")
        grant(person, tree.service, Role.STAFF)
        mine = contribution_for_member(round_=round_, user=person)
        for placement in mine.placements.select_related("thread__round__framework"):
            own_placement_record(placement=placement, version=placement.version, by=person, position=position + n % 3)
        people.append(person)
    return people


def _live(world) -> VotingSession:
    return session_start(round_=world.round.round, by=world.people.lead)


def test_the_lead_starts_a_session(world, client_for):
    client = client_for(world.people.lead)
    round_ = world.round.round
    confirm = client.get(_url("assessments:session-start", round_))
    assert confirm.status_code == 200
    assert "Start a facilitated session" in confirm.content.decode()
    response = client.post(_url("assessments:session-start", round_))
    assert response.status_code == 302
    assert response["Location"] == _url("assessments:session", round_)
    assert VotingSession.objects.filter(round=round_, ended_at=None).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "0 people have placed beads" in page
    assert "Show the overlay to everyone" in page
    assert 'hx-get="/rounds/' in page
    assert 'hx-trigger="every 3s"' in page


def test_starting_twice_says_one_is_running(world, client_for):
    client = client_for(world.people.lead)
    client.post(_url("assessments:session-start", world.round.round))
    response = client.post(_url("assessments:session-start", world.round.round), follow=True)
    assert "A session is already running for this round." in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("staff", 403), ("reader", 403), ("manager", 403), ("outsider", 404)])
def test_only_facilitators_start_show_and_end(world, client_for, persona, status):
    _live(world)
    client = client_for(getattr(world.people, persona))
    for name in ("assessments:session-start", "assessments:session-reveal", "assessments:session-end"):
        assert client.post(_url(name, world.round.round)).status_code == status, name
    assert VotingSession.objects.get().ended_at is None


def test_showing_and_ending_are_post_only(world, client_for):
    client = client_for(world.people.lead)
    for name in ("assessments:session-reveal", "assessments:session-end"):
        assert client.get(_url(name, world.round.round)).status_code == 405
    assert client.put(_url("assessments:session-start", world.round.round)).status_code == 405
    assert client.post(_url("assessments:session", world.round.round)).status_code == 405


def test_the_count_fragment_updates_and_also_renders_as_a_page(world, client_for, tree):
    _live(world)
    client = client_for(world.people.lead)
    status_url = _url("assessments:session-status", world.round.round)
    members_place(world.round.round, tree, 2)
    fragment = client.get(status_url, headers=HTMX)
    assert fragment.status_code == 200
    text = fragment.content.decode()
    assert "2 people have placed beads" in text
    assert "<html" not in text
    page = client.get(status_url)
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert "2 people have placed beads" in page.content.decode()


def test_showing_the_overlay_below_the_threshold_is_refused_with_a_reason(world, client_for, tree):
    live = _live(world)
    members_place(world.round.round, tree, 4)
    response = client_for(world.people.lead).post(_url("assessments:session-reveal", world.round.round), follow=True)
    text = response.content.decode()
    assert "Wait until at least 5 people have placed their beads, so nobody can be singled out." in text
    live.refresh_from_db()
    assert live.revealed_at is None


def test_members_see_only_a_waiting_status_until_the_overlay_shows(world, client_for, tree):
    live = _live(world)
    members_place(world.round.round, tree, 5)
    staff = client_for(world.people.staff)
    status_url = _url("assessments:session-status", world.round.round)
    waiting = staff.get(status_url, headers=HTMX)
    assert waiting.status_code == 200
    assert "Nobody sees anyone's beads" in waiting.content.decode()
    assert "openpie-strip" not in waiting.content.decode()
    assert staff.get(_url("assessments:overlay", world.round.round)).status_code == 403

    response = client_for(world.people.lead).post(_url("assessments:session-reveal", world.round.round))
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.revealed_at is not None

    shown = staff.get(status_url, headers=HTMX)
    assert shown.status_code == 286  # htmx stops polling and shows this answer
    text = shown.content.decode()
    assert "The overlay is showing." in text
    assert 'id="session-overlay"' in text
    assert 'hx-swap-oob="true"' in text
    assert text.count('class="openpie-strip"') == 5


def test_the_members_session_page_shows_the_overlay_once_revealed(world, client_for, tree):
    live = _live(world)
    members_place(world.round.round, tree, 5)
    session_reveal(session=live, by=world.people.lead)
    page = client_for(world.people.reader).get(_url("assessments:session", world.round.round)).content.decode()
    assert "The overlay is showing." in page
    assert page.count('class="openpie-strip"') == 5
    assert "hx-trigger" not in page


def test_ending_the_session(world, client_for):
    live = _live(world)
    client = client_for(world.people.lead)
    response = client.post(_url("assessments:session-end", world.round.round), follow=True)
    assert "The session has ended." in response.content.decode()
    live.refresh_from_db()
    assert live.ended_at is not None
    again = client.post(_url("assessments:session-end", world.round.round), follow=True)
    assert "No session is running for this round." in again.content.decode()
    fragment = client_for(world.people.staff).get(_url("assessments:session-status", world.round.round), headers=HTMX)
    assert fragment.status_code == 286


@pytest.mark.parametrize(("persona", "status"), [("reader", 200), ("manager", 200), ("outsider", 404)])
def test_who_may_watch_the_session(world, client_for, persona, status):
    client = client_for(getattr(world.people, persona))
    assert client.get(_url("assessments:session", world.round.round)).status_code == status
    assert client.get(_url("assessments:session-status", world.round.round), headers=HTMX).status_code in {
        status,
        286,
    }


def test_an_unchanged_status_is_not_sent_again(world, client_for, tree):
    _live(world)
    client = client_for(world.people.lead)
    status_url = _url("assessments:session-status", world.round.round)
    first = client.get(status_url, headers=HTMX).content.decode()
    seen = re.search(r"hx-vals='\{\"seen\": \"([^\"]+)\"\}'", first)
    assert seen is not None
    assert client.get(status_url, {"seen": seen.group(1)}, headers=HTMX).status_code == 204
    members_place(world.round.round, tree, 1)
    changed = client.get(status_url, {"seen": seen.group(1)}, headers=HTMX)
    assert changed.status_code == 200
    assert "1 person has placed beads" in changed.content.decode()
