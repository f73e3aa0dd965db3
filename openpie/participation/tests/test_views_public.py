"""The public pages: a service user with no account goes from the link to the code, and can withdraw."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openpie.assessments.models import Contribution, Placement
from openpie.participation.models import Participation, ParticipationLink
from openpie.participation.tests.factories import finished, make_link

pytestmark = pytest.mark.django_db

CODE = re.compile(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}")


@pytest.fixture
def link(world, people):
    return make_link(world.round.round, by=people.lead)


def url(name: str, link: ParticipationLink, *more: object) -> str:
    return reverse(f"participation:{name}", args=[link.token, *more])


def consent(client: Client, link: ParticipationLink, **data: str):
    page = client.get(url("consent", link))
    key = page.context["form"]["start_key"].value()
    return client.post(url("consent", link), {"start_key": key, "consent": "on", "shares_comments": "no", **data})


def service_users() -> int:
    return Contribution.objects.filter(kind=Contribution.Kind.SERVICE_USER).count()


def test_the_landing_page_is_public_plain_and_never_cached(client, link):
    response = client.get(url("landing", link))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert b"Have your say about" in response.content
    assert b"govuk-service-navigation" not in response.content


def test_an_unknown_link_is_404(client):
    assert client.get(reverse("participation:landing", args=["no-such-token"])).status_code == 404


def test_a_whole_walk_from_consent_to_the_code(client, link, world):
    ParticipationLink.objects.filter(pk=link.pk).update(scale=ParticipationLink.Scale.FINE)  # staff's fine scale
    threads = list(world.round.round.threads.order_by("position"))
    response = consent(client, link, display_name="resident")
    assert response.status_code == 302
    assert response["Location"] == url("question", link, 1)

    page = client.get(url("question", link, 1))
    assert page.status_code == 200
    assert threads[0].easy_read.split("?")[0].encode() in page.content
    assert page.content.count(b'name="position"') == 21  # 4 levels x 5, and "I would rather not say"
    assert b"Not good yet" in page.content
    assert b"Really good" in page.content

    for number in range(1, len(threads) + 1):
        response = client.post(url("question", link, number), {"position": "7", "comment": "More groups", "next": "1"})
        assert response.status_code == 302
    assert response["Location"] == url("check", link)

    check = client.get(url("check", link))
    assert b"OK, 2 of 5" in check.content
    assert b"More groups" in check.content
    done = client.post(url("check", link), follow=True)
    code = CODE.search(done.content.decode())
    assert code is not None
    again = client.get(url("done", link))
    assert code.group(0).encode() in again.content  # shown again on reload, from the session

    contribution = Contribution.objects.get(kind=Contribution.Kind.SERVICE_USER)
    assert contribution.state == Contribution.State.SUBMITTED
    assert contribution.display_name == "resident"
    assert set(contribution.placements.values_list("position", flat=True)) == {7}
    # Going back to a question after finishing shows the code instead of changing anything.
    assert client.get(url("question", link, 1))["Location"] == url("done", link)


def test_back_keeps_the_answer_and_goes_to_the_previous_question(client, link):
    consent(client, link)
    response = client.post(url("question", link, 2), {"position": "18", "comment": "", "back": "1"})
    assert response["Location"] == url("question", link, 1)
    page = client.get(url("question", link, 2))
    assert b'value="18" checked' in page.content


def test_sending_the_consent_form_twice_starts_one(client, link):
    page = client.get(url("consent", link))
    data = {"start_key": page.context["form"]["start_key"].value(), "consent": "on", "shares_comments": "no"}
    client.post(url("consent", link), data)
    client.post(url("consent", link), data)
    assert service_users() == 1


def test_without_consent_nothing_is_saved(client, link):
    page = client.get(url("consent", link))
    response = client.post(url("consent", link), {"start_key": page.context["form"]["start_key"].value()})
    assert response.status_code == 200
    assert b"Tick the box" in response.content
    assert service_users() == 0


@pytest.mark.parametrize("how", ["closed", "expired"])
def test_a_link_no_longer_open_gets_a_kind_410_and_saves_nothing(client, link, how):
    page = client.get(url("consent", link))
    key = page.context["form"]["start_key"].value()
    if how == "closed":
        ParticipationLink.objects.filter(pk=link.pk).update(closed_at=timezone.now())
    else:
        ParticipationLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(url("consent", link), {"start_key": key, "consent": "on", "shares_comments": "no"})
    assert response.status_code == 410
    assert b"Nothing has been saved" in response.content
    assert "no-store" in response["Cache-Control"]
    assert client.get(url("landing", link)).status_code == 410
    assert service_users() == 0
    assert not Participation.objects.exists()


def test_a_link_closed_half_way_saves_no_more_answers(client, link):
    consent(client, link)
    ParticipationLink.objects.filter(pk=link.pk).update(closed_at=timezone.now())
    response = client.post(url("question", link, 1), {"position": "5", "comment": "x"})
    assert response.status_code == 410
    assert not Placement.objects.filter(contribution__kind="service_user").exclude(position=None).exists()


def test_another_browser_cannot_carry_on_someone_elses_answers(client, link):
    consent(client, link)
    stranger = Client()
    response = stranger.post(url("question", link, 1), {"position": "5", "comment": "x"})
    assert response.status_code == 302
    assert response["Location"] == url("landing", link)
    assert not Placement.objects.filter(contribution__kind="service_user").exclude(position=None).exists()


def test_too_many_starts_from_one_address_get_a_kind_429(client, link, settings):
    settings.OPENPIE_RATE_ADDRESS_STARTS = 2
    assert consent(client, link).status_code == 302
    assert consent(Client(), link).status_code == 302
    response = consent(Client(), link)
    assert response.status_code == 429
    assert b"try again" in response.content
    assert service_users() == 2


def test_too_many_starts_on_one_link_get_a_kind_429(client, link, settings):
    settings.OPENPIE_RATE_LINK_STARTS = 1
    consent(client, link)
    assert consent(Client(REMOTE_ADDR="198.51.100.7"), link).status_code == 429


# Withdrawing -------------------------------------------------------------------------------------


def withdraw(client: Client, code: str, what: str = "withdraw"):
    client.post(reverse("participation:withdraw"), {"code": code, "what": what})
    return client.post(reverse("participation:withdraw-confirm"), follow=True)


def test_withdrawing_with_the_code_takes_the_answers_out(client, link):
    contribution, code = finished(link)
    confirm = client.post(reverse("participation:withdraw"), {"code": code, "what": "withdraw"}, follow=True)
    assert b"Are you sure?" in confirm.content
    assert code.encode() in confirm.content
    done = client.post(reverse("participation:withdraw-confirm"), follow=True)
    assert b"Your answers have been taken out" in done.content
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.WITHDRAWN


def test_a_wrong_code_finds_nothing_and_changes_nothing(client, link):
    contribution, _code = finished(link)
    wrong = withdraw(client, "ABCD-EFGH-JKMN")
    assert wrong.status_code == 200
    assert b"We could not find those answers" in wrong.content
    assert b"already taken out" not in wrong.content
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.SUBMITTED


@pytest.mark.parametrize("what", ["withdraw", "stop_sharing"])
def test_a_spent_code_says_when_the_answers_were_taken_out_and_asks_nothing(client, link, what):
    contribution, code = finished(link)
    withdraw(Client(), code)
    contribution.refresh_from_db()
    when = timezone.localtime(contribution.ended_at)
    page = client.post(reverse("participation:withdraw"), {"code": code, "what": what}, follow=True)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Your answers were already taken out" in text
    assert f"taken out on {when.day} {when:%B %Y}" in text
    assert "Are you sure?" not in text
    assert "<form" not in text.split("<main", 1)[1]
    again = client.post(reverse("participation:withdraw-confirm"), follow=True)  # nothing waits to be confirmed
    assert b"Take your answers out" in again.content


def test_a_code_that_cannot_be_one_is_asked_for_again(client):
    response = client.post(reverse("participation:withdraw"), {"code": "hello", "what": "withdraw"})
    assert response.status_code == 200
    assert b"12 letters and numbers" in response.content


def test_stop_sharing_with_the_code(client, link):
    contribution, code = finished(link, shares_comments=True)
    done = withdraw(client, code, what="stop_sharing")
    assert b"Staff can no longer read your comments" in done.content
    contribution.participation.refresh_from_db()
    assert contribution.participation.shares_comments is False
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.SUBMITTED


def test_too_many_code_tries_get_a_kind_429(client, link, settings):
    settings.OPENPIE_RATE_ADDRESS_WITHDRAWALS = 2
    contribution, code = finished(link)
    withdraw(client, "ABCD-EFGH-JKMN")
    withdraw(client, "ABCD-EFGH-JKMP")
    client.post(reverse("participation:withdraw"), {"code": code, "what": "withdraw"})
    response = client.post(reverse("participation:withdraw-confirm"))
    assert response.status_code == 429
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.SUBMITTED


def test_looking_a_code_up_counts_once_against_the_tries(client, link, settings):
    settings.OPENPIE_RATE_ADDRESS_WITHDRAWALS = 2
    _contribution, code = finished(link)
    confirm = client.post(reverse("participation:withdraw"), {"code": code, "what": "withdraw"}, follow=True)
    assert b"Are you sure?" in confirm.content
    done = client.post(reverse("participation:withdraw-confirm"), follow=True)  # the same code: not counted again
    assert b"Your answers have been taken out" in done.content
    spent = client.post(reverse("participation:withdraw"), {"code": code, "what": "withdraw"}, follow=True)
    assert b"already taken out" in spent.content
    client.post(reverse("participation:withdraw"), {"code": "ABCD-EFGH-JKMN", "what": "withdraw"})
    assert client.get(reverse("participation:withdraw-confirm")).status_code == 429
