"""The relationship word list in the framework file: loaded, exported, added to a published framework later."""

from __future__ import annotations

import pytest
from django.conf import settings

from openpie.frameworks.models import Framework
from openpie.frameworks.schema import FrameworkFileError, dump_framework_file, parse_framework_file
from openpie.frameworks.selectors import framework_file
from openpie.frameworks.services import framework_import


def test_the_default_framework_has_a_relationship_word_list(framework):
    assert "trust" in framework.relationship_words
    assert "key worker" in framework.relationship_words
    assert len(framework.relationship_words) >= 15


def test_the_word_list_is_exported_with_the_framework(framework):
    text = dump_framework_file(framework_file(framework))
    assert parse_framework_file(text).relationship_words == framework.relationship_words


def test_words_are_added_to_a_published_framework_that_had_none(framework):
    Framework.objects.filter(pk=framework.pk).update(relationship_words=[])
    again = framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(), owner=None, publish=True)
    assert again.pk == framework.pk
    assert "trust" in Framework.objects.get(pk=framework.pk).relationship_words


def test_a_published_framework_with_words_cannot_change_them(framework):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace("  - rapport\n", "  - warmth again\n")
    with pytest.raises(FrameworkFileError, match="cannot change"):
        framework_import(text=text, owner=None, publish=True)


def test_a_word_with_markup_or_digits_is_refused_with_a_clear_message():
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace("  - rapport\n", "  - <b>rapport</b>\n")
    with pytest.raises(FrameworkFileError, match="relationship word is letters only") as caught:
        parse_framework_file(text)
    assert caught.value.problems[0].line is not None
