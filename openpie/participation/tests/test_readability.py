"""The sentence counter and the framework's easy-read questions (UK easy-read guidance)."""

from __future__ import annotations

import pytest
import yaml
from django.conf import settings

from openpie.participation.readability import is_one_question, long_sentences, sentences, words


def test_sentences_split_at_full_stops_question_marks_and_line_breaks():
    assert sentences("One two. Three?\nFour!  ") == ["One two.", "Three?", "Four!"]


def test_words_keep_apostrophes_and_hyphens_inside_a_word():
    assert words("Don't stop — a one-to-one, 5 minutes.") == ["Don't", "stop", "a", "one-to-one", "5", "minutes"]


def test_a_sixteen_word_sentence_is_too_long_and_fifteen_is_not():
    fifteen = " ".join(["word"] * 15) + "."
    assert long_sentences(fifteen) == []
    assert long_sentences(fifteen.replace(".", " more.")) == [fifteen.replace(".", " more.")]


@pytest.mark.parametrize(
    ("text", "one"),
    [("Are staff kind?", True), ("Are staff kind? Do they listen?", False), ("Staff are kind.", False)],
)
def test_a_question_has_one_question_mark_at_the_end(text, one):
    assert is_one_question(text) is one


def _framework_questions() -> list[tuple[str, str]]:
    data = yaml.safe_load(settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8"))
    items = [*data["themes"], *(e for t in data["themes"] for e in t["elements"])]
    return [(i["key"], q) for i in items for q in (i.get("easy_read", ""), i.get("easy_read_follow_up", "")) if q]


def test_all_five_themes_and_fifteen_elements_have_an_easy_read_question():
    data = yaml.safe_load(settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8"))
    items = [*data["themes"], *(e for t in data["themes"] for e in t["elements"])]
    assert (len(data["themes"]), len(items) - len(data["themes"])) == (5, 15)
    assert all(item.get("easy_read") for item in items)


@pytest.mark.parametrize(("key", "question"), _framework_questions())
def test_each_easy_read_question_asks_one_thing_in_a_short_sentence(key, question):
    assert is_one_question(question), f"{key}: {question}"
    assert long_sentences(question) == [], f"{key}: {question}"
