"""The language of the take-part pages: the person's choice on the first page (remembered on the device),
else the language the lead gave the link, else what the phone asks for."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from openpie.participation import services
from openpie.participation.models import ParticipationLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_link(world, people) -> ParticipationLink:
    return services.link_create(round_=world.round.round, by=people.lead, label="Poster in Welsh", language="cy")


def landing(link: ParticipationLink) -> str:
    return reverse("participation:landing", args=[link.token])


def test_the_first_page_offers_both_languages_each_named_in_itself(world, people):
    link = services.link_create(round_=world.round.round, by=people.lead)
    page = Client().get(landing(link), HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert '<button type="submit" name="language" value="cy" lang="cy" aria-pressed="false"' in page
    assert 'value="en-gb" lang="en-GB" aria-pressed="true"' in page
    assert "Have your say about" in page


def test_a_welsh_link_opens_in_welsh_and_remembers_it_on_the_device(welsh_link):
    client = Client()
    response = client.get(landing(welsh_link), HTTP_ACCEPT_LANGUAGE="en-GB")
    assert '<html lang="cy"' in response.content.decode()
    assert "Dweud eich dweud am" in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    # The next page follows through the cookie, as a choice made on the first page does.
    consent = client.get(reverse("participation:consent", args=[welsh_link.token]), HTTP_ACCEPT_LANGUAGE="en-GB")
    assert "Cyn i chi ddechrau" in consent.content.decode()


def test_a_person_who_chose_english_keeps_it_on_a_welsh_link(welsh_link):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    response = client.get(landing(welsh_link))
    assert "Have your say about" in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_choosing_cymraeg_on_the_first_page_follows_the_person(world, people):
    link = services.link_create(round_=world.round.round, by=people.lead)
    client = Client()
    chosen = client.post(reverse("accounts:language"), {"language": "cy", "next": landing(link)})
    assert chosen["Location"] == landing(link)
    assert "Dweud eich dweud am" in client.get(landing(link), HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    withdraw = client.get(reverse("participation:withdraw"), HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "Tynnu eich atebion allan" in withdraw


def test_a_link_takes_only_a_language_the_site_speaks(world, people):
    with pytest.raises(ValidationError) as error:
        services.link_create(round_=world.round.round, by=people.lead, language="fr")
    assert "language" in error.value.message_dict


def test_the_lead_chooses_the_language_on_the_links_page(world, people, client_for):
    client = client_for(people.lead)
    round_ = world.round.round
    page = client.get(reverse("participation:links", args=[round_.pk])).content.decode()
    assert "Which language will its pages open in?" in page
    client.post(
        reverse("participation:links", args=[round_.pk]), {"label": "Lounge", "scale": "simple", "language": "cy"}
    )
    assert ParticipationLink.objects.get(label="Lounge").language == "cy"
