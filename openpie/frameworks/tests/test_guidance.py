"""Level descriptors and review criteria: in the file format, on import and export, and in an
organisation's own words with the framework's text as the fallback."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from openpie.frameworks.models import CustomWording, Element, Theme
from openpie.frameworks.schema import FrameworkFileError, dump_framework_file, parse_framework_file
from openpie.frameworks.selectors import framework_file, framework_for
from openpie.frameworks.services import framework_import, guidance_set, wording_set
from openpie.frameworks.tests.test_schema import GOOD

WITH_GUIDANCE = GOOD.replace(
    "        name: Trust\n",
    "        name: Trust\n"
    "        level_descriptors: [Trust is only starting., Trust is strong.]\n"
    "        review_criteria: [People say they trust us.]\n",
)


def _thread(themes, key):
    return next(t for theme in themes for t in [theme, *theme.elements] if t.key == key)


def test_pies_2_describes_every_level_of_every_theme_and_element(framework):
    threads = [*Theme.objects.filter(framework=framework), *Element.objects.filter(framework=framework)]
    assert len(threads) == 20
    for thread in threads:
        assert len(thread.level_descriptors) == 4, thread.key
        assert all(10 < len(text) < 250 for text in thread.level_descriptors), thread.key
        assert len(set(thread.level_descriptors)) == 4, thread.key
    assert all(len(e.review_criteria) >= 3 for e in Element.objects.filter(framework=framework))


def test_pies_2_descriptors_never_speak_of_passing_or_failing(framework):
    words = " ".join(t for e in Element.objects.filter(framework=framework) for t in e.level_descriptors).lower()
    for unkind in ("fail", "pass ", "bad", "poor ", "unacceptable"):
        assert unkind not in words


def test_a_file_without_descriptors_still_imports(db):
    imported = framework_import(text=GOOD, owner=None, publish=True)
    element = Element.objects.get(framework=imported, key="trust")
    assert (element.level_descriptors, element.review_criteria) == ([], [])


def test_descriptors_need_one_for_each_level():
    text = WITH_GUIDANCE.replace("[Trust is only starting., Trust is strong.]", "[Only one.]")
    with pytest.raises(FrameworkFileError) as error:
        parse_framework_file(text)
    assert "“trust”: level_descriptors needs one description for each of the 2 levels" in str(error.value)


def test_a_blank_criterion_is_named_with_its_line():
    text = WITH_GUIDANCE.replace("[People say they trust us.]", '["  "]')
    with pytest.raises(FrameworkFileError) as error:
        parse_framework_file(text)
    assert "themes[1].elements[1].review_criteria[1]" in str(error.value)


def test_descriptors_and_criteria_survive_export_and_import(db):
    imported = framework_import(text=WITH_GUIDANCE, owner=None, publish=True)
    exported = dump_framework_file(framework_file(imported))
    again = parse_framework_file(exported)
    trust = again.themes[0].elements[0]
    assert trust.level_descriptors == ["Trust is only starting.", "Trust is strong."]
    assert trust.review_criteria == ["People say they trust us."]
    as_json = parse_framework_file(dump_framework_file(framework_file(imported), as_json=True))
    assert as_json == again


def test_the_default_framework_round_trips_whole(framework):
    assert framework_file(framework) == parse_framework_file(settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text())


def test_a_published_framework_without_descriptors_gains_them_from_its_file(framework):
    Theme.objects.filter(framework=framework).update(level_descriptors=[], review_criteria=[])
    Element.objects.filter(framework=framework).update(level_descriptors=[], review_criteria=[])
    again = framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(), owner=None, publish=True)
    assert again.pk == framework.pk
    assert len(Element.objects.get(framework=framework, key="roles").level_descriptors) == 4


def test_a_published_frameworks_descriptors_cannot_change(framework):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace(
        "Roles are unclear or overlap", "Roles are muddled", 1
    )
    with pytest.raises(FrameworkFileError, match="published and cannot change"):
        framework_import(text=text, owner=None, publish=True)


def test_an_organisation_rewords_one_level_and_keeps_the_framework_for_the_rest(framework, tree, other_tree):
    guidance_set(
        organisation=tree.organisation,
        framework=framework,
        key="roles",
        level_descriptors=["", "Our own words for Basic.", "", ""],
        review_criteria=["Our own first criterion.", "  "],
    )
    roles = _thread(framework_for(framework, tree.organisation), "roles")
    base = Element.objects.get(framework=framework, key="roles")
    assert roles.level_descriptors == [
        base.level_descriptors[0],
        "Our own words for Basic.",
        *base.level_descriptors[2:],
    ]
    assert roles.review_criteria == ["Our own first criterion."]
    other = _thread(framework_for(framework, other_tree.organisation), "roles")
    assert other.level_descriptors == base.level_descriptors
    assert other.review_criteria == base.review_criteria


def test_the_framework_text_again_removes_the_organisations_own(framework, tree):
    base = Element.objects.get(framework=framework, key="roles")
    guidance_set(
        organisation=tree.organisation,
        framework=framework,
        key="roles",
        level_descriptors=["Mine.", "", "", ""],
        review_criteria=[],
    )
    guidance_set(
        organisation=tree.organisation,
        framework=framework,
        key="roles",
        level_descriptors=list(base.level_descriptors),
        review_criteria=list(base.review_criteria),
    )
    assert not CustomWording.objects.filter(organisation=tree.organisation).exists()


def test_changing_the_name_back_keeps_the_organisations_descriptors(framework, tree):
    guidance_set(
        organisation=tree.organisation,
        framework=framework,
        key="roles",
        level_descriptors=["Mine.", "", "", ""],
        review_criteria=[],
    )
    wording_set(
        organisation=tree.organisation,
        framework=framework,
        key="roles",
        name="Roles",
        short_name="Roles",
        description=Element.objects.get(framework=framework, key="roles").description,
        guiding_questions=list(Element.objects.get(framework=framework, key="roles").guiding_questions),
        easy_read=Element.objects.get(framework=framework, key="roles").easy_read,
    )
    assert _thread(framework_for(framework, tree.organisation), "roles").level_descriptors[0] == "Mine."


def test_descriptors_must_cover_every_level(framework, tree):
    with pytest.raises(ValidationError, match="one description for each of the 4 levels"):
        guidance_set(
            organisation=tree.organisation,
            framework=framework,
            key="roles",
            level_descriptors=["Only one"],
            review_criteria=[],
        )


def test_an_overlong_criterion_is_refused_clearly(framework, tree):
    with pytest.raises(ValidationError, match="300 characters or fewer"):
        guidance_set(
            organisation=tree.organisation,
            framework=framework,
            key="roles",
            level_descriptors=["", "", "", ""],
            review_criteria=["x" * 301],
        )
