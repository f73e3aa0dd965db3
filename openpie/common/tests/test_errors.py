"""Error pages with DEBUG off, as a person meets them: the house look, plain words, a way on, nothing
leaked (no exception text, no names from another organisation, no paths); JSON under /api/."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from openpie.accounts.signin import lockout_response
from openpie.accounts.tests.helpers import finish_second_step
from openpie.assessments.tests.api_operations import client_for_token
from openpie.common.errors import server_error
from openpie.participation.models import ParticipationLink
from openpie.participation.tests.factories import make_link

pytestmark = pytest.mark.usefixtures("no_debug")


@pytest.fixture
def no_debug(settings):
    settings.DEBUG = False


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
        finish_second_step(client, user)
    return client


def _house_page(response, status: int, heading: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert 'class="govuk-template' in html
    assert "govuk-header" in html
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    for leak in ("Traceback", "Exception", "/srv/", "Not Found</h1>", "Forbidden"):
        assert leak not in html
    return html


def test_a_wrong_address_is_a_404_page_with_a_way_on_and_no_path_echoed():
    html = _house_page(_client().get("/no-such-page-xyz/"), 404, "Page not found")
    assert "check it is correct" in html
    assert f'href="{reverse("accounts:sign-in")}"' in html
    assert "no-such-page-xyz" not in html


def test_a_signed_in_person_on_a_wrong_address_is_offered_their_home_page(people):
    html = _house_page(_client(people.staff).get("/no-such-page-xyz/"), 404, "Page not found")
    assert "Go to your home page" in html
    assert "govuk-service-navigation" in html


def test_another_organisations_round_is_the_same_404_naming_nothing_of_it(world, people):
    url = reverse("assessments:round", args=[world.round.round.pk])
    html = _house_page(_client(people.outsider).get(url), 404, "Page not found")
    assert "Riverside" not in html
    assert world.round.round.title not in html


def test_a_refusal_is_a_403_page_saying_what_to_do_not_the_action_code(world, people):
    url = reverse("assessments:evidence-add", args=[world.round.thread.pk])
    html = _house_page(_client(people.reader).get(url), 403, "You cannot do this here")
    assert "ask a PIE lead or an organisation admin" in html
    assert "round.record" not in html
    assert "(" not in html.split("<h1", 1)[1].split("</main>")[0]  # no "(action)" anywhere in the page body


def test_the_api_keeps_its_json_403_with_the_action(world, people):
    response = client_for_token(people.reader).post(f"/threads/{world.round.thread.pk}/evidence", {"text": "x"})
    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot do this here (round.record)."}


def test_a_form_sent_without_its_csrf_token_is_a_403_page_saying_to_reload(people):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(people.staff)
    html = _house_page(client.post(reverse("accounts:profile"), {}), 403, "This form has expired")
    assert "reload it, and try again" in html


def test_a_bad_request_is_a_400_page():
    response = _client().get("/", headers={"host": "attacker.example"})
    html = _house_page(response, 400, "Something was wrong with that request")
    assert "attacker.example" not in html


def test_an_ended_peer_review_and_an_unusable_invitation_have_the_same_look(rf):
    from django.contrib.auth.models import AnonymousUser

    from openpie.reviews.views.reviewer import gone_page

    request = rf.get("/")
    request.user = AnonymousUser()
    html = _house_page(
        gone_page(request, "The time set for this review has run out."), 410, "This peer review has ended"
    )
    assert "What you can do" in html
    assert "The time set for this review has run out." in html


def test_a_locked_out_sign_in_without_its_own_page_gets_the_429_page(rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    request = rf.post(reverse("accounts:sign-in"))
    request.user = AnonymousUser()
    html = _house_page(lockout_response(request, None, {}), 429, "Signing in is locked for now")
    assert "Wait 15 minutes" in html
    assert reverse("accounts:password-reset") in html


# 500 -------------------------------------------------------------------------------------------


@override_settings(ROOT_URLCONF="openpie.common.tests.boom_urls")
def test_a_server_error_is_a_static_500_page_that_leaks_nothing(db):
    response = _client().get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert '<h1 class="govuk-heading-l">Sorry, something went wrong</h1>' in html
    assert "a problem on our side, not something you did" in html
    assert '<a class="govuk-link" href="/">Go to the home page</a>' in html
    for leak in ("secret detail", "/srv/", "Eastgate", "RuntimeError", "Traceback"):
        assert leak not in html


@override_settings(ROOT_URLCONF="openpie.common.tests.boom_urls")
def test_a_server_error_under_the_api_is_json(db):
    response = _client().get("/api/boom/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on the server. Try again later."}


def test_the_500_page_needs_neither_the_database_nor_the_request(rf):
    response = server_error(rf.get("/"))  # no database here: any query would fail this test
    html = response.content.decode()
    assert "{%" not in html
    assert "csrf" not in html.lower()
    assert 'href="/static/css/openpie.css"' in html


# The API never answers HTML ---------------------------------------------------------------------


def test_an_unknown_api_address_is_json_not_html(people):
    for response in (client_for_token(people.staff).get("/no-such-operation"), _client().get("/api/nothing/")):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not Found"}


# A take-part link that did not work ------------------------------------------------------------

LINK_WORDS = (
    "This link did not work",
    "It may have closed, or a letter may be wrong.",
    "Ask a member of staff for a new link or the poster.",
)


def _main(html: str) -> str:
    return html.split('<main class="govuk-main-wrapper" id="main-content">', 1)[1].split("</main>", 1)[0]


def _kind_link_page(response, status: int, *, signed_in: bool = False) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert "css/participation.css" in html
    assert "no-store" in response["Cache-Control"]
    for words in LINK_WORDS:
        assert words in html
    main = _main(html)
    assert reverse("accounts:sign-in") not in main
    assert ("govuk-service-navigation" in html) is signed_in
    return main


@pytest.mark.parametrize("token", ["no-such-token", "abcdefghijklmnopqrstuvwx", "ab%20cd"])
def test_an_unknown_or_mistyped_take_part_link_is_a_kind_404(db, token):
    _kind_link_page(_client().get(f"/take-part/{token}/"), 404)


def test_a_mistyped_take_part_address_beyond_the_token_is_the_same_kind_404(world):
    link = make_link(world.round.round)
    _kind_link_page(_client().get(f"/take-part/{link.token}/nothing-here/"), 404)


@pytest.mark.parametrize("how", ["closed", "expired"])
def test_a_closed_or_expired_link_is_a_kind_410_in_the_same_words(world, how):
    from datetime import timedelta

    from django.utils import timezone

    link = make_link(world.round.round)
    change = {"closed_at": timezone.now()} if how == "closed" else {"expires_at": timezone.now() - timedelta(days=1)}
    ParticipationLink.objects.filter(pk=link.pk).update(**change)
    gone = _kind_link_page(_client().get(reverse("participation:landing", args=[link.token])), 410)
    unknown = _kind_link_page(_client().get(reverse("participation:landing", args=["x" * len(link.token)])), 404)
    assert gone == unknown  # nothing tells whether the link ever existed, here or anywhere else


def test_another_organisations_link_is_no_different_from_an_unknown_one(world, other_tree, people):
    from openpie.assessments.tests.factories import make_round

    theirs = make_link(make_round(other_tree.service, world.framework, title="Eastgate round"))
    ParticipationLink.objects.filter(pk=theirs.pk).update(closed_at=theirs.created_at)
    response = _client(people.staff).get(reverse("participation:landing", args=[theirs.token]))
    page = _kind_link_page(response, 410, signed_in=True)
    assert "Eastgate" not in page


def test_a_staff_page_under_take_part_keeps_the_staff_404(people):
    response = _client(people.lead).post(reverse("participation:link-close", args=[999_999]))
    _house_page(response, 404, "Page not found")
