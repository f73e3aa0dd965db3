"""The coffee-break check-in: start it, answer five questions on one screen (autosaved), grow it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import CheckIn, Round
from openpie.assessments.tests.factories import make_round
from openpie.frameworks.models import Framework
from openpie.frameworks.services import framework_import

FETCH: dict[str, Any] = {"HTTP_X_REQUESTED_WITH": "fetch"}
QUESTIONS = ("How’s things?", "What’s going well?", "What’s getting in the way?", "What shall we try next?")


@pytest.fixture
def check_in(tree, framework, people) -> Round:
    return make_round(tree.service, framework, form=Round.Form.CHECK_IN, by=people.staff)


def _url(round_: Round) -> str:
    return reverse("assessments:check-in", args=[round_.pk])


def _answers(**changes: str) -> dict[str, str]:
    return {
        "hows_things": "",
        "going_well": "",
        "getting_in_the_way": "",
        "try_next": "",
        "talk_again_on_day": "",
        "talk_again_on_month": "",
        "talk_again_on_year": "",
        "version": "1",
        **changes,
    }


def test_the_start_page_explains_and_starting_makes_a_check_in(tree, framework, people, client_for):
    client = client_for(people.staff)
    url = reverse("assessments:check-in-new", args=[tree.service.pk])
    page = client.get(url).content.decode()
    assert "five plain questions" in page
    response = client.post(url)
    round_ = Round.objects.get(unit=tree.service, form=Round.Form.CHECK_IN)
    assert response["Location"] == _url(round_)
    assert round_.framework == framework
    assert CheckIn.objects.filter(round=round_).exists()


def test_starting_prefers_pies_2_over_other_frameworks(tree, framework, people, client_for):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text()
    other = text.replace("key: pies-2", "key: a-local-one", 1).replace("name: PIEs 2.0", "name: A local framework", 1)
    framework_import(text=other, owner=None, publish=True)
    first = Framework.objects.published().first()
    assert first is not None
    assert first.key == "a-local-one"  # first in the usual order
    client_for(people.staff).post(reverse("assessments:check-in-new", args=[tree.service.pk]))
    assert Round.objects.get(unit=tree.service).framework == framework


def test_without_a_published_framework_the_page_says_so(tree, people, client_for, db):
    assert not Framework.objects.exists()
    client = client_for(people.staff)
    url = reverse("assessments:check-in-new", args=[tree.service.pk])
    assert "no published framework" in client.post(url).content.decode()
    assert not Round.objects.exists()


def test_a_reader_or_manager_cannot_start_one(tree, framework, people, client_for):
    url = reverse("assessments:check-in-new", args=[tree.service.pk])
    assert client_for(people.reader).post(url).status_code == 403
    assert client_for(people.manager).post(url).status_code == 403
    assert client_for(people.outsider).post(url).status_code == 404
    assert not Round.objects.exists()


def test_one_screen_with_the_five_questions(check_in, people, client_for):
    html = client_for(people.staff).get(_url(check_in)).content.decode()
    for question in (*QUESTIONS, "Let’s talk again when?"):
        assert question in html
    assert 'name="talk_again_on_day"' in html
    assert "data-autosave" in html
    assert "Grow this into a full round" in html


def test_a_reader_sees_the_answers_without_a_form(check_in, people, client_for):
    answers = CheckIn.objects.get(round=check_in)
    services.check_in_save(check_in=answers, version=1, by=None, going_well="New rota works")
    html = client_for(people.reader).get(_url(check_in)).content.decode()
    assert "New rota works" in html
    assert "data-autosave" not in html
    assert "Grow this into a full round" not in html


def test_autosave_saves_the_answers(check_in, people, client_for):
    client = client_for(people.staff)
    data = _answers(hows_things="Busy week", talk_again_on_day="3", talk_again_on_month="4", talk_again_on_year="2026")
    response = client.post(_url(check_in), data, **FETCH)
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["edit_url"] == _url(check_in)
    saved = CheckIn.objects.get(round=check_in)
    assert (saved.hows_things, saved.talk_again_on) == ("Busy week", datetime.date(2026, 4, 3))


def test_a_normal_submit_saves_and_comes_back(check_in, people, client_for):
    response = client_for(people.staff).post(_url(check_in), _answers(try_next="Shorter handovers"))
    assert response.status_code == 302
    assert CheckIn.objects.get(round=check_in).try_next == "Shorter handovers"


def test_two_people_at_once_get_a_conflict_with_both_answers(check_in, people, client_for):
    first, second = client_for(people.staff), client_for(people.lead)
    first.post(_url(check_in), _answers(hows_things="Calm"), **FETCH)
    response = second.post(_url(check_in), _answers(hows_things="Hectic"), **FETCH)
    assert response.status_code == 409
    answer = response.json()
    assert (answer["theirs"]["hows_things"], answer["yours"]["hows_things"]) == ("Calm", "Hectic")
    assert "Calm" in answer["html"]
    assert "Hectic" in answer["html"]
    again = second.post(_url(check_in), _answers(hows_things="Hectic", version=str(answer["version"])), **FETCH)
    assert again.status_code == 200
    assert CheckIn.objects.get(round=check_in).hows_things == "Hectic"


def test_a_bad_date_is_explained_and_earlier_answers_stay(check_in, people, client_for):
    client = client_for(people.staff)
    client.post(_url(check_in), _answers(going_well="Good team"), **FETCH)
    bad = _answers(
        going_well="", version="2", talk_again_on_day="40", talk_again_on_month="1", talk_again_on_year="2026"
    )
    response = client.post(_url(check_in), bad, **FETCH)
    assert response.status_code == 400
    assert response.json()["errors"]["talk_again_on"][0].startswith("Enter a real date")
    assert CheckIn.objects.get(round=check_in).going_well == "Good team"


def test_signed_out_autosave_answers_401(check_in):
    response = Client().post(_url(check_in), _answers(hows_things="Still typing"), **FETCH)
    assert response.status_code == 401
    assert response.json()["signed_out"] is True


def test_signed_out_page_visit_goes_to_sign_in(check_in):
    response = Client().get(_url(check_in))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_reader_cannot_save(check_in, people, client_for):
    response = client_for(people.reader).post(_url(check_in), _answers(hows_things="x"), **FETCH)
    assert response.status_code == 403
    assert CheckIn.objects.get(round=check_in).hows_things == ""


def test_a_closed_check_in_refuses_changes_plainly(check_in, people, client_for):
    services.round_open(round_=check_in)
    services.round_submit(round_=check_in)
    response = client_for(people.staff).post(_url(check_in), _answers(hows_things="Late"), **FETCH)
    assert response.status_code == 400
    assert "cannot change now" in response.json()["errors"]["__all__"][0]


def test_growing_makes_a_full_round_and_keeps_the_answers(check_in, people, client_for):
    answers = CheckIn.objects.get(round=check_in)
    services.check_in_save(check_in=answers, version=1, by=None, try_next="Peer review")
    response = client_for(people.staff).post(reverse("assessments:round-grow", args=[check_in.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:round", args=[check_in.pk])
    check_in.refresh_from_db()
    assert check_in.form == Round.Form.SHORT
    assert check_in.threads.count() == 5
    assert CheckIn.objects.get(round=check_in).try_next == "Peer review"


def test_growing_twice_says_why_not(check_in, people, client_for):
    client = client_for(people.staff)
    client.post(reverse("assessments:round-grow", args=[check_in.pk]))
    response = client.post(reverse("assessments:round-grow", args=[check_in.pk]), follow=True)
    assert "Only a check-in can grow" in response.content.decode()


def test_growing_needs_post_and_the_start_role(check_in, people, client_for):
    url = reverse("assessments:round-grow", args=[check_in.pk])
    assert client_for(people.staff).get(url).status_code == 405
    assert client_for(people.reader).post(url).status_code == 403
    assert client_for(people.outsider).post(url).status_code == 404
    check_in.refresh_from_db()
    assert check_in.form == Round.Form.CHECK_IN


def test_a_round_without_a_check_in_has_no_check_in_page(world, client_for):
    assert client_for(world.people.staff).get(_url(world.round.round)).status_code == 404
