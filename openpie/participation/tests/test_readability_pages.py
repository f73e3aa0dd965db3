"""Readability of the service users' pages as they are sent: no sentence over 15 words, one question at a time."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from openpie.assessments.models import Round
from openpie.participation.readability import long_sentences, sentences
from openpie.participation.tests.factories import make_link
from openpie.participation.tests.test_views_public import consent, url

pytestmark = pytest.mark.django_db


class _MainText(HTMLParser):
    """The text inside <main>, one line per block, without form controls' hidden values."""

    BLOCKS = {"p", "h1", "h2", "h3", "li", "label", "legend", "div", "dt", "dd", "button", "a", "span"}

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.inside += 1
        if self.inside and tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.inside -= 1
        if self.inside and tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return "".join(parser.parts)


def _pages(client: Client, link) -> dict[str, str]:
    pages = {"go": client.get(reverse("participation:go")), "landing": client.get(url("landing", link))}
    pages["consent"] = client.get(url("consent", link))
    consent(client, link)
    total = link.round.threads.count()
    for number in range(1, total + 1):
        pages[f"question {number}"] = client.get(url("question", link, number))
        client.post(url("question", link, number), {"position": "8", "comment": "", "next": "1"})
    pages["check"] = client.get(url("check", link))
    pages["done"] = client.post(url("check", link), follow=True)
    pages["withdraw"] = client.get(reverse("participation:withdraw"))
    pages["did not work"] = client.get("/go/ACDEFH37/")
    Round.objects.filter(pk=link.round_id).update(state=Round.State.CLOSED)
    pages["you said, we did"] = client.get(url("landing", link))
    return {name: page.content.decode() for name, page in pages.items()}


def test_no_sentence_on_a_service_user_page_is_over_15_words_and_no_question_asks_two_things(client, world):
    link = make_link(world.round.round)
    checked = 0
    for name, html in _pages(client, link).items():
        text = main_text(html)
        assert long_sentences(text) == [], name
        for sentence in sentences(text):
            assert sentence.count("?") <= 1, f"{name}: {sentence}"
            checked += 1
    assert checked > 100
