"""The relationship word matcher: whole words, any case, simple endings, and safe highlighting."""

from __future__ import annotations

import pytest

from openpie.relationships.matcher import Matcher

WORDS = ["trust", "engage", "boundary", "key worker", "keyworker", "belong", "co-production", "relationship"]


@pytest.fixture
def matcher() -> Matcher:
    return Matcher.of(WORDS)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Trust grows slowly", ["Trust"]),
        ("trusting, trusted and trusts", ["trusting", "trusted", "trusts"]),
        ("we engaged; engaging; engagement", ["engaged", "engaging", "engagement"]),
        ("clear boundaries, one boundary", ["boundaries", "boundary"]),
        ("a Key  Worker and a keyworker", ["Key  Worker", "keyworker"]),
        ("a sense of belonging", ["belonging"]),
        ("real co-production", ["co-production"]),
        ("Relationships first", ["Relationships"]),
    ],
)
def test_words_and_their_simple_endings_are_found(matcher, text, found):
    assert matcher.words_in(text) == found


@pytest.mark.parametrize(
    "text", ["entrust the keys", "mistrust", "distrustful", "disengaged", "keyworkers-only", "belongings-bag-x"]
)
def test_a_word_inside_another_word_is_not_found(matcher, text):
    assert matcher.words_in(text) == []


def test_html_in_the_text_stays_escaped(matcher):
    html = matcher.highlight('<script>alert("trust")</script> & trust <b>me</b>')
    assert "<script>" not in html
    assert "<b>" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;<mark>trust</mark>&quot;)&lt;/script&gt; "
        "&amp; <mark>trust</mark> &lt;b&gt;me&lt;/b&gt;"
    )


def test_a_word_list_with_markup_cannot_inject_html():
    matcher = Matcher.of(["<b>"])
    assert matcher.highlight("a <b> tag") == "a <mark>&lt;b&gt;</mark> tag"


def test_no_words_find_nothing_and_text_is_still_escaped():
    matcher = Matcher.of([])
    assert matcher.words_in("trust") == []
    assert matcher.highlight("<i>trust</i>") == "&lt;i&gt;trust&lt;/i&gt;"


def test_the_stems_narrow_the_database_query(matcher):
    assert {"trust", "engag", "boundar", "key", "keyworker"} <= set(matcher.stems)
