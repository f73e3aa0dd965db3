"""You said, we did: once a round closes, its link's page shows what people said (suppressed) and what is done."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.assessments.models import Action, Round
from openpie.audit.models import AuditEvent
from openpie.participation.models import SharedAction
from openpie.participation.said_did import HIDDEN, TOO_FEW, overall_words
from openpie.participation.tests.factories import finished, make_link

LEVELS = ["Not good yet", "OK", "Getting better", "Really good"]


def test_too_few_answers_show_nothing():
    assert overall_words(LEVELS, [3] * 9, threshold=10) == TOO_FEW


def test_the_most_common_answer_shows_when_the_privacy_rule_allows():
    assert overall_words(LEVELS, [3] * 10 + [1] * 10 + [3], threshold=10) == "Most people said: Getting better."


def test_a_most_common_answer_with_a_few_others_is_hidden_so_nobody_is_found_out():
    assert overall_words(LEVELS, [3] * 12 + [1] * 2, threshold=10) == HIDDEN


@pytest.fixture
def link(world, people):
    return make_link(world.round.round, by=people.lead)


def _close(round_):
    Round.objects.filter(pk=round_.pk).update(state=Round.State.CLOSED)


@pytest.mark.django_db
def test_a_closed_rounds_link_shows_what_people_said_and_the_shared_actions_only(client, link, world, people):
    round_ = world.round.round
    for _ in range(10):
        finished(link, position=13)
    shown = Action.objects.create(round=round_, what="More groups at weekends", status=Action.Status.DONE)
    Action.objects.create(round=round_, what="Private staff matter")
    SharedAction.objects.create(action=shown, shared_by=people.lead)
    _close(round_)
    page = client.get(reverse("participation:landing", args=[link.token]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "You said, we did" in text
    assert "Most people said: Getting better." in text
    assert "More groups at weekends" in text
    assert "Done." in text
    assert "Private staff matter" not in text


@pytest.mark.django_db
def test_a_link_closed_while_the_round_is_open_still_did_not_work(client, link):
    from django.utils import timezone

    type(link).objects.filter(pk=link.pk).update(closed_at=timezone.now())
    assert client.get(reverse("participation:landing", args=[link.token])).status_code == 410


@pytest.mark.django_db
def test_the_lead_ticks_which_actions_show_with_an_audit_entry(client_for, people, world):
    round_ = world.round.round
    one = Action.objects.create(round=round_, what="Open the garden")
    two = Action.objects.create(round=round_, what="Fix the lift")
    client = client_for(people.lead)
    response = client.post(reverse("participation:shared-actions", args=[round_.pk]), {"actions": [one.pk]})
    assert response.status_code == 302
    assert set(SharedAction.objects.values_list("action_id", flat=True)) == {one.pk}
    client.post(reverse("participation:shared-actions", args=[round_.pk]), {"actions": [two.pk]})
    assert set(SharedAction.objects.values_list("action_id", flat=True)) == {two.pk}
    assert AuditEvent.objects.filter(action="participation.actions_share").count() == 2


@pytest.mark.django_db
def test_another_rounds_action_cannot_be_ticked(client_for, people, world, other_tree):
    round_ = world.round.round
    client = client_for(people.lead)
    response = client.post(reverse("participation:shared-actions", args=[round_.pk]), {"actions": [999999]})
    assert response.status_code == 302
    assert not SharedAction.objects.exists()


@pytest.mark.django_db
def test_outsiders_get_404_and_read_only_members_403(client_for, people, world):
    url = reverse("participation:shared-actions", args=[world.round.round.pk])
    assert client_for(people.outsider).post(url, {"actions": []}).status_code == 404
    assert client_for(people.reader).post(url, {"actions": []}).status_code == 403


@pytest.mark.django_db
def test_the_start_signal_reveals_no_one(client_for, people, link):
    from openpie.participation.selectors import start_signal
    from openpie.participation.tests.factories import start

    assert [start_signal(n, threshold=5) for n in (0, 1, 4, 5, 40)] == [
        "Nobody yet", "Fewer than 5", "Fewer than 5", "5 or more", "5 or more",
    ]  # fmt: skip
    page = client_for(people.lead).get(reverse("participation:links", args=[link.round_id])).content.decode()
    assert "Nobody yet" in page
    start(link)
    page = client_for(people.lead).get(reverse("participation:links", args=[link.round_id])).content.decode()
    assert "Fewer than 5" in page
