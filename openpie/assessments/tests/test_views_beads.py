"""Stage 1, "Where are we now?": the page, saving a bead without JavaScript, and the fetch (JSON) answers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Placement, Round
from openpie.assessments.scale import Scale
from openpie.assessments.tests.factories import make_round, place

FETCH = {"X-Requested-With": "fetch"}


def _where(round_: Round) -> str:
    return reverse("assessments:stage-where", args=[round_.pk])


def _save(client: Client, placement: Placement, *, fetch: bool = False, **data):
    values = {"position": "", "target": "", "version": placement.version, **data}
    return client.post(reverse("assessments:placement", args=[placement.pk]), values, headers=FETCH if fetch else None)


def _bead(world) -> Placement:
    placement = world.round.placement
    placement.refresh_from_db()
    return placement


def _empty_bead(world, key: str = "the-three-rs") -> Placement:
    return Placement.objects.get(thread__round=world.round.round, thread__key=key)


# The page ---------------------------------------------------------------------------------------


def test_each_thread_is_a_native_radio_group_grouped_by_level(world, client_for):
    page = client_for(world.people.staff).get(_where(world.round.round))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('<fieldset class="govuk-fieldset openpie-board__fieldset"') == 10  # bead and target, 5 threads
    assert text.count('type="radio"') == 5 * 2 * 20
    key = world.round.thread.key
    assert f'<h2 class="govuk-fieldset__heading">{world.round.thread.name}</h2>' in text
    assert f'id="bead-{key}-position_7" name="position" value="7" aria-label="Basic, position 2 of 5" checked' in text
    assert (
        f'id="bead-{key}-target_12" name="target" value="12" aria-label="Progressing, position 2 of 5" checked' in text
    )
    for level in ["Poor?", "Basic", "Progressing", "Advanced"]:
        assert f'<span class="openpie-board-track__level-name" aria-hidden="true">{level}</span>' in text
    assert "Take the bead off" in text  # a button, not a radio
    assert "Questions to talk about" in text
    assert "No move-on flats in the borough" in text
    assert text.count('action="/placements/') == 5
    assert "data-bead-status" in text
    assert "disabled" not in text


def test_a_read_only_member_sees_the_beads_but_cannot_move_them(world, client_for):
    text = client_for(world.people.reader).get(_where(world.round.round)).content.decode()
    assert text.count(" disabled>") == 5 * 2 * 20
    assert "data-bead-status" not in text
    assert ">Save<" not in text


def test_each_bead_has_what_each_level_looks_like_with_its_own_level_marked(world, client_for):
    text = client_for(world.people.staff).get(_where(world.round.round)).content.decode()
    assert text.count("What each level looks like") == 5
    assert text.count("About this thread and its levels") == 5
    assert text.count("Your bead is here") == 1  # only the placed bead's level is marked


def test_last_rounds_bead_shows_as_a_ghost(world, client_for):
    services.round_submit(round_=world.round.round)
    services.round_close(round_=world.round.round)
    following = services.round_next(previous=world.round.round, by=None)
    text = client_for(world.people.staff).get(_where(following)).content.decode()
    assert "Last time: Basic, 2 of 5" in text
    assert text.count("openpie-board-track__slot--ghost") == 1
    assert "Last time:" in text.split("Staff training and support")[0]


def test_the_page_runs_the_same_queries_however_many_threads_and_items(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.people.staff)
    with django_assert_max_num_queries(10):
        client.get(_where(world.round.round))
    big = make_round(world.tree.service, world.framework, form="drill_down", theme_keys=["learning-and-enquiry"])
    for thread in big.threads.all():
        place(big, thread.key, 9)
        services.factor_add(thread=thread, by=None, effect="helps", control="within", text="Peer support")
    with django_assert_max_num_queries(10):
        assert client.get(_where(big)).content.decode().count('action="/placements/') == 4


# Saving without JavaScript ----------------------------------------------------------------------


def test_saving_a_bead_goes_back_to_its_thread_with_a_message(world, client_for):
    client = client_for(world.people.staff)
    placement = _empty_bead(world)
    response = _save(client, placement, position="16", target="20")
    assert response.status_code == 302
    assert response["Location"] == _where(world.round.round) + "#thread-the-three-rs"
    placement.refresh_from_db()
    assert (placement.position, placement.target, placement.version) == (16, 20, 1)
    assert placement.updated_by == world.people.staff
    assert "The Three Rs: saved at Advanced, position 1 of 5." in client.get(response["Location"]).content.decode()


def test_taking_a_bead_off_the_thread(world, client_for):
    placement = _bead(world)
    _save(client_for(world.people.staff), placement, position="", target="")
    placement.refresh_from_db()
    assert (placement.position, placement.target) == (None, None)


def test_the_take_the_bead_off_button_sends_an_empty_position_after_the_chosen_radio(world, client_for):
    """Without JavaScript the button comes after the radios, so its empty value is the one the form reads."""
    placement = _bead(world)
    client = client_for(world.people.staff)
    url = reverse("assessments:placement", args=[placement.pk])
    client.post(url, {"position": ["7", ""], "target": "12", "version": placement.version})
    placement.refresh_from_db()
    assert placement.position is None
    assert placement.target == 12
    page = client.get(_where(world.round.round)).content.decode()
    row = page.split(f'id="thread-{placement.thread.key}"')[1].split("</section>")[0]
    assert 'data-bead-clear="position" hidden>Take the bead off' in row  # no bead to take off now
    assert 'data-bead-clear="target">Remove the target' in row


@pytest.mark.parametrize("position", ["21", "0", "-3", "abc", "7.5", "true"])
def test_a_position_off_the_scale_is_shown_next_to_the_field_and_nothing_changes(world, client_for, position):
    placement = _bead(world)
    response = _save(client_for(world.people.staff), placement, position=position, target="12")
    text = response.content.decode()
    key = world.round.thread.key
    assert response.status_code == 200
    assert "There is a problem" in text
    assert f'<a href="#bead-{key}-position_0">Choose a position on the scale, from 1 to 20</a>' in text
    assert f'id="bead-{key}-position-error"' in text
    placement.refresh_from_db()
    assert (placement.position, placement.version) == (7, 1)


def test_someone_elses_change_is_kept_and_explained(world, client_for):
    placement = _bead(world)
    stale = placement.version
    services.placement_record(placement=placement, version=stale, by=world.people.lead, position=11, target=12)
    response = _save(client_for(world.people.staff), placement, version=stale, position="3", target="12")
    text = response.content.decode()
    key = world.round.thread.key
    assert response.status_code == 200
    assert (
        "Someone else moved this bead to Progressing, position 1 of 5 while you were working; "
        "it now shows their position. You chose Poor?, position 3 of 5" in text
    )
    assert (
        f'id="bead-{key}-position_11" name="position" value="11" aria-label="Progressing, position 1 of 5" checked'
        in text
    )
    assert f'name="version" value="{stale + 1}"' in text
    placement.refresh_from_db()
    assert (placement.position, placement.version) == (11, stale + 1)


def test_a_bead_of_a_closed_round_cannot_move(world, client_for):
    services.round_submit(round_=world.round.round)
    services.round_close(round_=world.round.round)
    placement = _bead(world)
    text = _save(client_for(world.people.lead), placement, position="2").content.decode()
    assert "This round is closed, so what it records cannot change now." in text
    placement.refresh_from_db()
    assert placement.position == 7


def test_a_missing_version_asks_for_a_reload(world, client_for):
    placement = _bead(world)
    response = client_for(world.people.staff).post(
        reverse("assessments:placement", args=[placement.pk]), {"position": "3"}
    )
    assert "This page is out of date. Reload it and try again." in response.content.decode()
    placement.refresh_from_db()
    assert placement.position == 7


@pytest.mark.parametrize(("persona", "status"), [("reader", 403), ("manager", 403), ("outsider", 404)])
def test_only_people_who_record_can_move_beads(world, client_for, persona, status):
    placement = _bead(world)
    assert _save(client_for(getattr(world.people, persona)), placement, position="1").status_code == status
    placement.refresh_from_db()
    assert placement.position == 7


def test_saving_is_post_only_and_needs_signing_in(world, client_for, client):
    url = reverse("assessments:placement", args=[_bead(world).pk])
    assert client_for(world.people.staff).get(url).status_code == 405
    response = _save(client, _bead(world), position="1")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert client_for(world.people.staff).post(reverse("assessments:placement", args=[999999])).status_code == 404


# Saving with JavaScript (fetch) -----------------------------------------------------------------


def test_a_fetch_save_answers_with_the_new_version_and_label(world, client_for):
    placement = _empty_bead(world)
    response = _save(client_for(world.people.staff), placement, fetch=True, position="8")
    assert response.status_code == 200
    assert response.json() == {
        "version": 1,
        "position": 8,
        "target": None,
        "label": "Basic, position 3 of 5",
        "target_label": "No target",
    }


def test_a_fetch_save_sent_twice_is_not_a_conflict(world, client_for):
    client, placement = client_for(world.people.staff), _empty_bead(world)
    first = _save(client, placement, fetch=True, position="8")
    again = _save(client, placement, fetch=True, position="8")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["version"] == 1


def test_a_fetch_conflict_answers_409_with_their_position(world, client_for):
    placement = _bead(world)
    stale = placement.version
    services.placement_record(placement=placement, version=stale, by=None, position=7, target=20)
    response = _save(client_for(world.people.staff), placement, fetch=True, version=stale, position="7", target="5")
    body = response.json()
    assert response.status_code == 409
    assert body["conflict"] is True
    assert (body["position"], body["target"], body["version"], body["field"]) == (7, 20, stale + 1, "target")
    assert body["message"].startswith("Someone else changed the target to Advanced, position 5 of 5")
    assert "You chose Poor?, position 5 of 5" in body["message"]


def test_a_fetch_error_answers_400_with_the_messages(world, client_for):
    response = _save(client_for(world.people.staff), _bead(world), fetch=True, position="99")
    assert response.status_code == 400
    assert response.json() == {"errors": {"position": ["Choose a position on the scale, from 1 to 20"]}}


def test_a_fetch_save_on_a_closed_round_answers_400(world, client_for):
    services.round_submit(round_=world.round.round)
    services.round_close(round_=world.round.round)
    response = _save(client_for(world.people.lead), _bead(world), fetch=True, position="2")
    assert response.status_code == 400
    assert "cannot change now" in response.json()["errors"]["__all__"][0]


def test_a_signed_out_fetch_gets_json_not_the_sign_in_page(world, client):
    response = _save(client, _bead(world), fetch=True, position="2")
    assert response.status_code == 401
    assert response.json()["signed_out"] is True
    assert "Sign in again in a new tab" in response.json()["message"]


def test_a_fetch_without_permission_gets_json_403(world, client_for):
    response = _save(client_for(world.people.reader), _bead(world), fetch=True, position="2")
    assert response.status_code == 403
    assert response.json()["forbidden"] is True
    assert _bead(world).position == 7


def test_the_scale_in_words():
    scale = Scale(levels=("Poor?", "Basic", "Progressing", "Advanced"), per_level=5)
    assert scale.count == 20
    assert [scale.label(p) for p in (1, 5, 6, 20)] == [
        "Poor?, position 1 of 5",
        "Poor?, position 5 of 5",
        "Basic, position 1 of 5",
        "Advanced, position 5 of 5",
    ]
    assert scale.label(None) == "No bead yet"
    assert scale.short(8) == "Basic, 3 of 5"
    assert re.fullmatch(r"Progressing 1", scale.brief(11))


def test_a_thread_with_a_barrier_ends_in_a_marker_that_links_to_its_barriers(world, client_for):
    text = client_for(world.people.staff).get(_where(world.round.round)).content.decode()
    key = world.round.barrier.thread.key
    assert text.count('class="govuk-link openpie-board-track__barrier"') == 1
    assert (
        f'href="#barriers-{key}"><span class="openpie-board-track__wall" aria-hidden="true"></span>1 barrier</a>'
        in text
    )
    section = text.split(f'id="barriers-{key}"')[1].split("</section>")[0]
    assert "No move-on flats in the borough" in section
    assert 'class="openpie-board__row openpie-board__row--walled"' in text
