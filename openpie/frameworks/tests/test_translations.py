"""The framework's wording in Welsh beside the English: read in the page's language with English as
the fallback, kept by each round, worded per language by an organisation, never written over."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from openpie.assessments import services as round_services
from openpie.assessments.models import Thread
from openpie.frameworks.models import BarrierKind, CustomWording, Framework, Theme
from openpie.frameworks.schema import FrameworkFileError, dump_framework_file, parse_framework_file
from openpie.frameworks.selectors import framework_file, framework_for, thread_names
from openpie.frameworks.services import framework_import, framework_publish, wording_set

pytestmark = pytest.mark.django_db
AWARENESS = "psychological-awareness"


def _theme() -> Theme:
    return Theme.objects.get(key=AWARENESS)


def test_the_framework_reads_in_welsh_on_a_welsh_page_and_in_english_otherwise(framework):
    with translation.override("cy"):
        theme, again = _theme(), Framework.objects.get(pk=framework.pk)
        assert theme.name == "Ymwybyddiaeth seicolegol"
        assert theme.easy_read == "Ydy’r staff yn ceisio deall sut rydych chi’n teimlo?"
        assert len(theme.level_descriptors) == 4
        assert again.levels == ["Gwael?", "Sylfaenol", "Yn datblygu", "Uwch"]
        assert again.easy_levels[3] == "Da iawn"
        assert BarrierKind.objects.get(key="move-on-accommodation").name == "Llety symud ymlaen"
    assert _theme().name == "Psychological awareness"
    assert Framework.objects.get(pk=framework.pk).levels[0] == "Poor?"


def test_what_has_no_translation_stays_in_english(framework):
    Theme.objects.filter(key=AWARENESS).update(
        translations={"cy": {"name": "Ymwybyddiaeth", "guiding_questions": ["Un?"]}}
    )
    with translation.override("cy"):
        theme = _theme()
    assert theme.name == "Ymwybyddiaeth"
    assert theme.description.startswith("How well the service understands")
    assert theme.guiding_questions[0] == "Un?"
    assert theme.guiding_questions[1].startswith("Do we share a common way")  # the rest in English


def test_a_published_framework_gains_its_translations_when_the_file_is_loaded_again(framework):
    Theme.objects.update(translations={})
    Framework.objects.filter(pk=framework.pk).update(translations={})
    again = framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(), owner=None, publish=True)
    assert again.pk == framework.pk
    assert _theme().translations["cy"]["name"] == "Ymwybyddiaeth seicolegol"
    assert Framework.objects.get(pk=framework.pk).translations["cy"]["levels"][0] == "Gwael?"


def test_the_file_keeps_its_translations_when_exported_and_loaded_again(framework):
    with translation.override("cy"):  # exported in English with the Welsh beside it, whatever the page
        exported = dump_framework_file(framework_file(framework))
    data = parse_framework_file(exported)
    assert data.themes[0].name == "Psychological awareness"
    assert data.themes[0].translations["cy"].name == "Ymwybyddiaeth seicolegol"
    assert data.scale.translations["cy"].levels[0] == "Gwael?"
    assert data.translations["cy"].description.startswith("Fframwaith")
    assert data == parse_framework_file(settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text())


def test_a_translation_must_give_one_level_description_for_each_level(framework):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace(
        '      levels: ["Gwael?", "Sylfaenol", "Yn datblygu", "Uwch"]', '      levels: ["Gwael?", "Sylfaenol"]'
    )
    with pytest.raises(FrameworkFileError, match=r"translations\.cy\.levels needs one name for each level"):
        framework_import(text=text.replace('version: "2.0"', 'version: "2.9"'), owner=None, publish=True)


def test_a_framework_read_in_welsh_is_saved_with_its_english_kept(tree):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace('version: "2.0"', 'version: "2.5"')
    draft = framework_import(text=text, owner=tree.organisation, publish=False)
    with translation.override("cy"):
        framework_publish(framework=Framework.objects.get(pk=draft.pk))
        welsh = Framework.objects.get(pk=draft.pk)
        welsh.levels = ["Un", "Dau", "Tri", "Pedwar"]
        with pytest.raises(ValueError, match="source language"):
            welsh.save()
    stored = Framework.objects.get(pk=draft.pk)
    assert stored.is_published
    assert stored.levels[0] == "Poor?"


def test_a_round_keeps_its_threads_wording_in_english_and_welsh(framework, tree, people):
    with translation.override("cy"):  # a Welsh-speaking lead starts the round
        round_ = round_services.round_create(
            unit=tree.service, framework=framework, form="drill_down", by=people.lead, theme_keys=[AWARENESS]
        )
    thread = Thread.objects.get(round=round_, key="emotional-awareness-and-empathy")
    assert thread.name == "Emotional awareness and empathy"
    assert thread.theme_name == "Psychological awareness"
    assert thread.translations["cy"]["theme_name"] == "Ymwybyddiaeth seicolegol"
    with translation.override("cy"):
        welsh = Thread.objects.get(pk=thread.pk)
    assert welsh.name == "Ymwybyddiaeth emosiynol ac empathi"
    assert welsh.theme_name == "Ymwybyddiaeth seicolegol"
    assert welsh.easy_read == "Ydy’r staff yn garedig wrthoch chi, hyd yn oed ar ddiwrnod gwael?"
    Theme.objects.update(translations={})  # the framework's later changes do not reach the round
    with translation.override("cy"):
        assert Thread.objects.get(pk=thread.pk).theme_name == "Ymwybyddiaeth seicolegol"
        for move in (round_services.round_open, round_services.round_submit, round_services.round_close):
            move(round_=round_, by=people.lead)
        following = round_services.round_next(previous=round_, by=people.lead)
    assert following.threads.get(key=thread.key).name == "Emotional awareness and empathy"
    with translation.override("cy"):
        assert Thread.objects.get(round=following, key=thread.key).name == "Ymwybyddiaeth emosiynol ac empathi"


def test_an_organisations_own_wording_is_kept_per_language(framework, tree, other_tree):
    given: dict[str, Any] = {"short_name": "", "description": "", "guiding_questions": [], "easy_read": ""}
    wording_set(
        organisation=tree.organisation, framework=framework, key=AWARENESS, name="Understanding people", **given
    )
    with translation.override("cy"):
        wording_set(organisation=tree.organisation, framework=framework, key=AWARENESS, name="Deall pobl", **given)
    assert set(CustomWording.objects.values_list("language", "name")) == {
        ("", "Understanding people"),
        ("cy", "Deall pobl"),
    }
    assert framework_for(framework, tree.organisation)[0].name == "Understanding people"
    with translation.override("cy"):
        assert framework_for(framework, tree.organisation)[0].name == "Deall pobl"
        assert framework_for(framework, other_tree.organisation)[0].name == "Ymwybyddiaeth seicolegol"
        names = thread_names(organisation_ids=[tree.organisation.pk], framework_ids=[framework.pk])
        assert names.of(tree.organisation.pk, framework.pk, AWARENESS).name == "Deall pobl"
