"""Typeable codes at /go/ (rate limited), and the larger-text choice that works without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.participation import codes
from openpie.participation.models import ParticipationLink, RateEvent
from openpie.participation.tests.factories import make_link

pytestmark = pytest.mark.django_db

LOOK_ALIKES = "0O1IL5S2Z8B6GQUV"


@pytest.fixture
def link(world, people):
    return make_link(world.round.round, by=people.lead)


def test_a_new_link_has_a_short_code_with_no_look_alikes(link):
    assert len(link.short_code) == 8
    assert not set(link.short_code) & set(LOOK_ALIKES)
    assert link.short_code_shown == f"{link.short_code[:4]}-{link.short_code[4:]}"


def test_typing_the_code_grouped_and_in_small_letters_opens_the_link(client, link):
    typed = f"  {link.short_code[:4].lower()} - {link.short_code[4:]} "
    response = client.post(reverse("participation:go"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:landing", args=[link.token])


def test_the_code_in_the_address_opens_the_link(client, link):
    response = client.get(f"/go/{link.short_code.lower()}", follow=True)
    assert response.redirect_chain[-1][0] == reverse("participation:landing", args=[link.token])


def test_a_mistyped_code_says_what_to_do_and_keeps_what_was_typed(client, link):
    wrong = "ACDE-FH34" if link.short_code != "ACDEFH34" else "ACDE-FH37"
    page = client.post(reverse("participation:go"), {"code": wrong})
    assert page.status_code == 200
    text = page.content.decode()
    assert "We could not find that code" in text
    assert 'value="ACDE-FH3' in text


def test_an_empty_code_asks_for_one(client):
    page = client.post(reverse("participation:go"), {"code": ""})
    assert "Type the code from the poster" in page.content.decode()
    assert "govuk-error-summary" in page.content.decode()


def test_an_unknown_code_in_the_address_gets_the_kind_page(client):
    page = client.get("/go/ACDEFH34/")
    assert page.status_code == 404
    assert "This link did not work" in page.content.decode()


def test_guessing_codes_is_stopped_by_the_database_rate_limit(client, link, settings):
    settings.OPENPIE_RATE_GO_TRIES = 3
    for _ in range(3):
        client.post(reverse("participation:go"), {"code": "ACDE-FH39"})
    page = client.post(reverse("participation:go"), {"code": link.short_code})
    assert page.status_code == 429
    assert "Please try again later" in page.content.decode()
    assert RateEvent.objects.filter(scope="go_try").count() == 3
    assert client.get(f"/go/{link.short_code}/").status_code == 429


def test_existing_links_get_codes_from_the_migration(link):
    from importlib import import_module

    from django.apps import apps

    ParticipationLink.objects.filter(pk=link.pk).update(short_code=None)
    import_module("openpie.participation.migrations.0003_link_short_codes_for_existing_links").give_codes(apps, None)
    code = ParticipationLink.objects.get(pk=link.pk).short_code
    assert code
    assert codes.normalise_short(code) == code


def test_larger_text_is_kept_for_the_next_pages_without_javascript(client, link):
    landing = reverse("participation:landing", args=[link.token])
    response = client.post(reverse("participation:text-size"), {"size": "larger", "next": landing})
    assert response["Location"] == landing
    page = client.get(landing).content.decode()
    assert "openpie-larger" in page
    assert "Smaller text" in page
    client.post(reverse("participation:text-size"), {"size": "normal", "next": landing})
    assert "openpie-larger" not in client.get(landing).content.decode()


def test_the_text_size_form_never_sends_anyone_to_another_site(client):
    response = client.post(reverse("participation:text-size"), {"size": "larger", "next": "https://evil.example/"})
    assert response["Location"] == reverse("participation:go")


def test_service_user_pages_load_no_htmx_and_the_logo_leads_nowhere(client, link):
    page = client.get(reverse("participation:landing", args=[link.token])).content.decode()
    assert "htmx" not in page
    assert f'href="{reverse("home:home")}"' not in page.split("<main")[0]
    assert "data-listen-button hidden" in page
