"""Easy-read questions with one idea each: the optional follow-up key in the file, export, rounds."""

from __future__ import annotations

from django.conf import settings

from openpie.frameworks.models import Element, Theme
from openpie.frameworks.schema import dump_framework_file, parse_framework_file
from openpie.frameworks.selectors import framework_file
from openpie.frameworks.services import framework_import

FOLLOW_UP = "Do staff think about what has happened in your life?"


def test_a_theme_keeps_its_second_idea_as_a_follow_up_question(framework):
    theme = Theme.objects.get(framework=framework, key="psychological-awareness")
    assert (theme.easy_read, theme.easy_read_follow_up) == ("Do staff try to understand how you feel?", FOLLOW_UP)
    assert Element.objects.get(framework=framework, key="staff-support").easy_read_follow_up == ""


def test_the_follow_up_goes_out_in_the_exported_file_and_comes_back(framework):
    text = dump_framework_file(framework_file(framework))
    assert FOLLOW_UP in text
    again = parse_framework_file(text)
    assert again.themes[0].easy_read_follow_up == FOLLOW_UP


def test_a_file_without_follow_ups_is_still_valid():
    text = "\n".join(
        line
        for line in settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().splitlines()
        if "easy_read_follow_up" not in line
    )
    assert all(t.easy_read_follow_up == "" for t in parse_framework_file(text).themes)


def test_revised_easy_read_wording_reaches_a_published_framework(framework):
    Theme.objects.filter(framework=framework).update(easy_read="Old words? Two questions?", easy_read_follow_up="")
    again = framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(), owner=None, publish=True)
    assert again.pk == framework.pk
    theme = Theme.objects.get(framework=framework, key="psychological-awareness")
    assert theme.easy_read_follow_up == FOLLOW_UP


def test_a_round_keeps_the_follow_up_it_began_with(world):
    thread = world.round.round.threads.get(key="psychological-awareness")
    assert thread.easy_read_follow_up == FOLLOW_UP
    Theme.objects.update(easy_read_follow_up="Changed later?")
    thread.refresh_from_db()
    assert thread.easy_read_follow_up == FOLLOW_UP
