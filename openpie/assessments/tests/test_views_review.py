"""Stage 5, "How did it go?", and "My actions" (HTML views)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from openpie.assessments import services
from openpie.assessments.models import Action, Round
from openpie.assessments.scale import Scale
from openpie.assessments.tests.factories import make_round, place

PASS_FAIL = ("pass", "fail", "better", "worse", "good", "bad")


def _next_round(world) -> Round:
    round_ = world.round.round
    place(round_, "the-three-rs", 12)
    services.round_submit(round_=round_)
    services.round_close(round_=round_)
    following = services.round_next(previous=round_, by=world.people.staff)
    place(following, world.round.thread.key, 11)  # from Basic 2 to Progressing 1
    place(following, "the-three-rs", 12)
    return following


def _review(client, round_: Round) -> str:
    response = client.get(reverse("assessments:stage-review", args=[round_.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_first_round_says_plainly_there_is_nothing_to_compare_with(world, client_for):
    text = _review(client_for(world.people.reader), world.round.round)
    assert "This is the first round in this cycle, so there is no earlier round to compare with yet." in text
    assert "There are none: this is the first round." in text
    assert "No bead last time; now at Basic 2" in text
    assert "Not placed yet" in text


def test_the_review_shows_the_distance_travelled_with_barriers_beside_it(world, client_for):
    following = _next_round(world)
    services.factor_add(
        thread=following.threads.get(key="the-three-rs"),
        by=None,
        effect="hinders",
        control="outside",
        text="The council's eviction rules",
        barrier_kind=world.round.barrier.barrier_kind,
        flag_managers=True,
    )
    text = _review(client_for(world.people.staff), following)
    assert "Moved 4 positions right (from Basic 2 to Progressing 1)" in text
    assert "No change (still at Progressing 2)" in text
    assert "Not placed yet" in text
    assert "The council&#x27;s eviction rules" in text
    assert reverse("assessments:round", args=[world.round.round.pk]) in text
    cells = [line for line in text.splitlines() if "Moved" in line or "No change" in line]
    assert cells
    assert not [word for word in PASS_FAIL for line in cells if word in line.lower()]


def test_the_review_lists_actions_carried_from_the_last_round_with_links_to_update_them(world, client_for):
    following = _next_round(world)
    carried = following.actions.get()
    text = _review(client_for(world.people.staff), following)
    assert "Ask the council about move-on" in text
    assert reverse("assessments:action-edit", args=[carried.pk]) in text
    reader_text = _review(client_for(world.people.reader), following)
    assert "Ask the council about move-on" in reader_text
    assert reverse("assessments:action-edit", args=[carried.pk]) not in reader_text


def test_the_review_is_hidden_from_outsiders(world, client_for):
    url = reverse("assessments:stage-review", args=[world.round.round.pk])
    assert client_for(world.people.outsider).get(url).status_code == 404


@pytest.mark.parametrize(
    ("previous", "position", "words"),
    [
        (None, None, "Not placed yet"),
        (3, None, "Not placed yet"),
        (7, 7, "No change (still at Basic 2)"),
        (8, 7, "Moved 1 position left (from Basic 3 to Basic 2)"),
        (1, 20, "Moved 19 positions right (from Poor? 1 to Advanced 5)"),
    ],
)
def test_distance_travelled_in_words(previous, position, words):
    scale = Scale(levels=("Poor?", "Basic", "Progressing", "Advanced"), per_level=5)
    assert scale.distance(previous, position) == words


# My actions -------------------------------------------------------------------------------------


def _action(world, what: str, **values) -> Action:
    return services.action_add(round_=world.round.round, by=None, what=what, owner=world.people.staff, **values)


def test_my_actions_are_grouped_open_and_closed_and_overdue_ones_stand_out(world, client_for):
    today = timezone.localdate()
    _action(world, "Book reflective practice", due_on=today - datetime.timedelta(days=3))
    _action(world, "Update the welcome pack", due_on=today + datetime.timedelta(days=10))
    _action(world, "Paint the lounge", status=Action.Status.DONE)
    services.action_add(round_=world.round.round, by=None, what="Not mine", owner=world.people.lead)
    response = client_for(world.people.staff).get(reverse("assessments:my-actions"))
    text = response.content.decode()
    assert response.status_code == 200
    open_part, closed_part = text.split("Done or dropped")
    assert "Book reflective practice" in open_part
    assert "Update the welcome pack" in open_part
    assert "Paint the lounge" in closed_part
    assert "Not mine" not in text
    assert text.count(">Overdue</strong>") == 1
    assert open_part.index("Book reflective practice") < open_part.index("Update the welcome pack")
    assert reverse("assessments:stage-actions", args=[world.round.round.pk]) in text
    assert 'aria-current="page">My actions</a>' in text


def test_my_actions_leave_out_rounds_the_person_can_no_longer_see(world, client_for, other_tree):
    elsewhere = make_round(other_tree.service, world.framework)
    action = services.action_add(round_=elsewhere, by=None, what="Somewhere else")
    Action.objects.filter(pk=action.pk).update(owner=world.people.staff)  # e.g. someone who has since moved on
    text = client_for(world.people.staff).get(reverse("assessments:my-actions")).content.decode()
    assert "Somewhere else" not in text
    assert "You have no open actions." in text


def test_my_actions_need_signing_in(client):
    response = client.get(reverse("assessments:my-actions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
