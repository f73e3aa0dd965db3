"""The overlay page: who sees it and when, strips and tables in words, small groups never shown, the
filter, the agreed position with its spread, the overlay in the report, and a fixed number of queries."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.services.contributions import session_start
from openpie.assessments.tests.api_operations import Voice, add_voices
from openpie.participation.models import Participation

STAFF = Contribution.Kind.INDIVIDUAL
USER = Contribution.Kind.SERVICE_USER


def _url(round_: Round, **query: str) -> str:
    url = reverse("assessments:overlay", args=[round_.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def voices(world, *, staff: int = 5, users: int = 0, via: str = Participation.Via.LINK, **kwargs) -> None:
    """``staff`` staff members at positions 6, 7, 8, … and ``users`` service users at 3, 4, … on the first thread."""
    thread = world.round.thread.pk
    made = [Voice(STAFF, {thread: 6 + n % 4}) for n in range(staff)]
    made += [Voice(USER, {thread: 3 + n % 3}, via=via, **kwargs) for n in range(users)]
    add_voices(world.round.round, made)


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def _first_thread(response) -> str:
    """The first thread's part of the page, without the form's security token."""
    part = _text(response).split('id="overlay-psychological-awareness"')[1].split('id="overlay-staff-training')[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", part)


def test_the_lead_sees_strips_tables_and_barriers(world, client_for):
    voices(world, staff=6, users=5, shares_comments=True, comment="More time to talk")
    response = client_for(world.people.lead).get(_url(world.round.round))
    assert response.status_code == 200
    text = _text(response)
    assert text.count('role="img"') == 5
    assert text.count("<circle cx=") >= 6
    assert text.count("<polygon points=") >= 5
    first = text.split('id="overlay-staff-training-and-support"')[0]
    assert "Staff members: 5 beads, median Basic, position 2 of 5" in first  # six answered: the first five show
    assert "Staff members: Shows the first 5 answers; the next update comes at 10 answers." in first
    assert '<th scope="col" class="govuk-table__header">Middle half</th>' in first
    assert "Basic 1 to Basic 4" in first  # the range of staff beads 6..9
    assert "Service users place this thread 3 positions further left than staff members" in first
    assert "Agreement among everyone shown (staff and service users)" in first
    assert "More time to talk" in first
    assert "No move-on flats in the borough" in first  # the barrier beside the beads
    assert "not a weakness of the team" in text
    assert "The team's bead is at Basic, position 2 of 5. It was not recorded from the overlay." in first


def test_a_hidden_group_reads_the_same_with_nobody_or_four_people(world, client_for):
    voices(world, staff=5, users=0)
    lead = client_for(world.people.lead)
    empty = _first_thread(lead.get(_url(world.round.round)))
    voices(world, staff=0, users=4)
    four = _first_thread(lead.get(_url(world.round.round)))
    hidden = "ot shown: fewer than 5 people"
    assert empty.count(hidden) == four.count(hidden) == 4  # the board line, the table, the strip's title and label
    assert empty == four
    assert "The gap between staff members and service users is not shown" in four


def test_the_filter_keeps_small_parts_hidden(world, client_for):
    voices(world, staff=5, users=6, via=Participation.Via.PROXY)
    lead = client_for(world.people.lead)
    assert "Service users: 5 beads" in _text(lead.get(_url(world.round.round, entered="proxy")))
    self_only = _text(lead.get(_url(world.round.round, entered="self")))
    assert "Not shown: fewer than 5 people in this part of the group" in self_only
    assert 'id="entered-self" name="entered" type="radio" value="self" checked' in self_only
    nonsense = lead.get(_url(world.round.round, entered="nobody"))
    assert nonsense.status_code == 200
    assert "Choose whose views to show from the list" in _text(nonsense)


def test_the_overlay_is_hidden_from_staff_while_the_round_is_open(world, client_for):
    response = client_for(world.people.staff).get(_url(world.round.round))
    assert response.status_code == 403
    assert "It is shown to the whole team once the round is sent for review" in _text(response)


def test_nobody_sees_it_during_an_unrevealed_session(world, client_for):
    session_start(round_=world.round.round, by=world.people.lead)
    response = client_for(world.people.lead).get(_url(world.round.round))
    assert response.status_code == 403
    assert "Nobody sees anyone's beads, the PIE lead included" in _text(response)


def test_everyone_sees_it_once_the_round_is_in_review(world, client_for):
    Round.objects.filter(pk=world.round.round.pk).update(state=Round.State.IN_REVIEW)
    response = client_for(world.people.reader).get(_url(world.round.round))
    assert response.status_code == 200
    assert "Record the agreed position" not in _text(response)


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("manager", 200), ("admin", 200)])
def test_who_may_open_the_overlay(world, client_for, persona, status):
    assert client_for(getattr(world.people, persona)).get(_url(world.round.round)).status_code == status


def test_the_overlay_is_get_only(world, client_for):
    assert client_for(world.people.lead).post(_url(world.round.round)).status_code == 405


def test_the_query_count_does_not_grow_with_contributions(world, client_for, django_assert_max_num_queries):
    lead = client_for(world.people.lead)
    voices(world, staff=5, users=5)
    with django_assert_max_num_queries(30) as few:
        assert lead.get(_url(world.round.round)).status_code == 200
    voices(world, staff=25, users=25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Staff members: 30 beads" in _text(lead.get(_url(world.round.round)))


# The agreed position -----------------------------------------------------------------------------


def _agree(client, world, position: str, version: int | None = None):
    placement = Placement.objects.get(pk=world.round.placement.pk)
    data = {"position": position, "version": placement.version if version is None else version}
    return client.post(reverse("assessments:consensus", args=[world.round.thread.pk]), data)


def test_the_scribe_records_the_agreed_position_with_its_spread(world, client_for):
    voices(world, staff=6)
    lead = client_for(world.people.lead)
    page = _text(lead.get(_url(world.round.round)))
    assert page.count("Record the agreed position</label>") == 0  # the label names the thread for screen readers
    assert page.count('action="/threads/') == 5
    response = _agree(lead, world, "8")
    assert response.status_code == 302
    assert response["Location"].endswith("#overlay-psychological-awareness")
    stored = Placement.objects.get(pk=world.round.placement.pk)
    assert stored.position == 8
    assert stored.agreed_from is not None
    assert stored.agreed_from["staff"]["count"] == 5  # the released batch: the sixth waits for four more
    assert stored.agreed_from["staff"]["median"] == 7.0
    after = _text(lead.get(response["Location"]))
    assert "Agreed at Basic, position 3 of 5, from staff median Basic, position 2 of 5 (5 people) on" in after
    assert "the team's agreed position is recorded at Basic, position 3 of 5" in after


def test_a_stale_version_records_nothing_and_says_why(world, client_for):
    lead = client_for(world.people.lead)
    response = _agree(lead, world, "8", version=0)
    assert "someone else moved the team's bead" in _text(lead.get(response["Location"]))
    assert Placement.objects.get(pk=world.round.placement.pk).position == 7


def test_an_off_scale_position_is_a_clear_error(world, client_for):
    lead = client_for(world.people.lead)
    response = _agree(lead, world, "40")
    assert "Choose a position on the scale, from 1 to 20" in _text(lead.get(response["Location"]))


@pytest.mark.parametrize(("persona", "status"), [("reader", 403), ("manager", 403), ("outsider", 404), ("staff", 403)])
def test_who_may_record_the_agreed_position(world, client_for, persona, status):
    # Staff record the team's view, but only once they can see the overlay (not while the round is open).
    assert _agree(client_for(getattr(world.people, persona)), world, "8").status_code == status
    assert Placement.objects.get(pk=world.round.placement.pk).position == 7


def test_recording_is_post_only(world, client_for):
    url = reverse("assessments:consensus", args=[world.round.thread.pk])
    assert client_for(world.people.lead).get(url).status_code == 405


def test_the_board_places_the_agreed_position_on_the_line_not_a_list(world, client_for):
    page = _text(client_for(world.people.lead).get(_url(world.round.round)))
    first = _first_thread_of(page)
    assert "<select" not in first
    assert first.count('type="radio" id="agree-psychological-awareness_') == 21  # 20 positions and "Not agreed yet"
    assert 'aria-label="Basic, position 2 of 5" checked' in first  # the team's bead (position 7) as it is now
    assert "Not agreed yet" in first


def _first_thread_of(page: str) -> str:
    return page.split('id="overlay-psychological-awareness"')[1].split('id="overlay-staff-training')[0]


def test_the_bead_control_saves_by_fetch_and_hears_json(world, client_for):
    voices(world, staff=5)
    lead = client_for(world.people.lead)
    placement = Placement.objects.get(pk=world.round.placement.pk)
    url = reverse("assessments:consensus", args=[world.round.thread.pk])
    fetch = {"HTTP_X_REQUESTED_WITH": "fetch"}
    saved = lead.post(url, {"position": "9", "version": placement.version}, **fetch)
    assert saved.status_code == 200
    assert saved.json() == {
        "version": placement.version + 1,
        "position": 9,
        "target": None,
        "label": "Basic, position 4 of 5",
    }
    stale = lead.post(url, {"position": "3", "version": placement.version}, **fetch)
    assert stale.status_code == 409
    assert stale.json()["position"] == 9
    assert "someone else moved" in stale.json()["message"]
    empty = lead.post(url, {"position": "", "version": placement.version + 1}, **fetch)
    assert empty.status_code == 400
    assert empty.json()["errors"]["position"] == ["Choose the position the team agrees"]
    assert Placement.objects.get(pk=placement.pk).position == 9
    refused = client_for(world.people.reader).post(url, {"position": "3", "version": placement.version + 1}, **fetch)
    assert refused.status_code == 403
    assert refused.json()["forbidden"] is True


# One thread's details on a page of its own ------------------------------------------------------


def _thread_url(world) -> str:
    return reverse("assessments:overlay-thread", args=[world.round.thread.pk])


def test_each_thread_has_its_details_on_a_page_of_its_own(world, client_for):
    voices(world, staff=6, users=5, shares_comments=True, comment="More time to talk")
    response = client_for(world.people.lead).get(_thread_url(world))
    assert response.status_code == 200
    text = _text(response)
    assert "<h1" in text
    assert "Overlay: Psychological awareness" in text
    assert "Staff members: Shows the first 5 answers; the next update comes at 10 answers." in text
    assert "More time to talk" in text
    assert "No move-on flats in the borough" in text
    assert "Staff training" not in text  # only this thread
    assert text.count('type="radio" id="agree-psychological-awareness_') == 21


def test_a_thread_page_keeps_small_groups_hidden(world, client_for):
    voices(world, staff=5, users=4, shares_comments=True, comment="Nobody listens")
    text = _text(client_for(world.people.lead).get(_thread_url(world)))
    assert "Service users: not shown: fewer than 5 people" in text
    assert "Nobody listens" not in text


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("staff", 403), ("manager", 200)])
def test_who_may_open_a_thread_page(world, client_for, persona, status):
    assert client_for(getattr(world.people, persona)).get(_thread_url(world)).status_code == status


# The report --------------------------------------------------------------------------------------


def test_the_report_shows_the_overlay_once_everyone_may_see_it(world, client_for):
    voices(world, staff=5)
    report = reverse("assessments:report", args=[world.round.round.pk])
    lead = client_for(world.people.lead)
    assert "Many voices: the overlay" not in _text(lead.get(report))
    Round.objects.filter(pk=world.round.round.pk).update(state=Round.State.IN_REVIEW)
    text = _text(lead.get(report))
    assert "Many voices: the overlay" in text
    assert "Staff members: 5 beads" in text
    pdf = lead.get(reverse("assessments:report-pdf", args=[world.round.round.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


# The strip's geometry ----------------------------------------------------------------------------


def test_a_full_column_says_how_many_more_and_nothing_overlaps():
    from openpie.assessments.reports.strips import MAX_STACK, RADIUS, SQUARE, overlay_strip

    strip = overlay_strip(
        title="t", levels=["A", "B", "C", "D"], per_level=5, staff=[3] * 7 + [4], users=[3, 3], agreed=3
    )
    assert len(strip.staff) == MAX_STACK + 1
    assert [m.text for m in strip.more] == ["+2"]
    assert all(m.y - RADIUS > 0 for m in strip.staff)
    assert all(m.y + RADIUS < strip.thread_y - SQUARE for m in strip.staff)  # clear of the agreed square
    assert all(m.y - RADIUS - 2 > strip.thread_y + SQUARE for m in strip.users)
    assert all(m.y + RADIUS + 2 < strip.label_y - 12 for m in strip.users)
    assert strip.height > strip.label_y
