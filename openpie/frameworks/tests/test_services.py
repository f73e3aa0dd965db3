from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from openpie.frameworks.models import CustomWording, Element, Framework, Theme
from openpie.frameworks.schema import FrameworkFileError, dump_framework_file
from openpie.frameworks.selectors import framework_file, framework_for
from openpie.frameworks.services import (
    framework_import,
    framework_publish,
    local_element_add,
    unit_elements_choose,
    wording_set,
)

SECOND = Path(__file__).parent / "data" / "service-compass.yaml"


def test_the_default_framework_is_pies_2(framework):
    assert (framework.key, framework.version, framework.is_published) == ("pies-2", "2.0", True)
    assert framework.levels == ["Poor?", "Basic", "Progressing", "Advanced"]
    assert (framework.positions_per_level, framework.paper_positions_per_level, framework.position_count) == (5, 3, 20)
    themes = list(framework.themes.order_by("position").values_list("name", flat=True))
    assert themes == [
        "Psychological awareness",
        "Staff training and support",
        "Learning and enquiry",
        "Spaces of opportunity",
        "The Three Rs",
    ]
    assert Element.objects.filter(framework=framework).count() == 15
    assert all(
        e.easy_read and e.description and e.guiding_questions for e in Element.objects.filter(framework=framework)
    )


def test_loading_the_same_published_file_again_changes_nothing(framework):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text()
    again = framework_import(text=text, owner=None, publish=True)
    assert again.pk == framework.pk
    assert Framework.objects.count() == 1
    assert Theme.objects.count() == 5


def test_a_published_framework_cannot_change(framework):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace("name: Staff support", "name: Support", 1)
    with pytest.raises(FrameworkFileError, match="published and cannot change"):
        framework_import(text=text, owner=None, publish=True)
    assert Element.objects.filter(framework=framework, name="Staff support").exists()


def test_a_second_different_framework_loads_beside_the_first(framework):
    second = framework_import(text=SECOND.read_text(), owner=None, publish=True)
    assert second.pk != framework.pk
    assert second.key == "service-compass"
    assert len(second.levels) == 3
    assert second.themes.count() == 3
    assert Element.objects.filter(framework=second).count() == 6
    assert Theme.objects.filter(framework=framework).count() == 5


def test_export_and_import_round_trip(framework):
    exported = dump_framework_file(framework_file(framework)).replace('version: "2.0"', 'version: "2.1"')
    exported = exported.replace("version: '2.0'", "version: '2.1'")
    copy = framework_import(text=exported, owner=None, publish=False)
    assert copy.version == "2.1"
    assert not copy.is_published
    assert framework_file(copy).themes == framework_file(framework).themes


def test_a_draft_is_replaced_by_loading_it_again_then_published(tree):
    text = SECOND.read_text()
    draft = framework_import(text=text, owner=tree.organisation, publish=False)
    changed = framework_import(
        text=text.replace("name: Service Compass", "name: Service Compass (revised)"),
        owner=tree.organisation,
        publish=False,
    )
    assert changed.pk == draft.pk
    assert changed.name == "Service Compass (revised)"
    framework_publish(framework=changed)
    with pytest.raises(ValidationError):
        framework_publish(framework=changed)


def test_another_organisation_cannot_take_a_key_and_version(tree, other_tree):
    framework_import(text=SECOND.read_text(), owner=tree.organisation, publish=False)
    with pytest.raises(FrameworkFileError, match="already exists"):
        framework_import(text=SECOND.read_text(), owner=other_tree.organisation, publish=False)


def test_an_organisations_wording_keeps_only_what_differs(framework, tree, other_tree):
    wording_set(
        organisation=tree.organisation,
        framework=framework,
        key="staff-support",
        name="Looking after staff",
        short_name="",
        description="",
        guiding_questions=[],
        easy_read="",
    )
    themes = framework_for(framework, tree.organisation)
    support = next(e for t in themes for e in t.elements if e.key == "staff-support")
    assert support.name == "Looking after staff"
    assert support.original_name == "Staff support"
    assert support.is_customised
    assert support.description
    other = next(
        e for t in framework_for(framework, other_tree.organisation) for e in t.elements if e.key == "staff-support"
    )
    assert other.name == "Staff support"  # other organisations are untouched
    wording_set(
        organisation=tree.organisation,
        framework=framework,
        key="staff-support",
        name="Staff support",
        short_name="",
        description="",
        guiding_questions=[],
        easy_read="",
    )
    assert not CustomWording.objects.exists()


def test_local_elements_are_marked_local_and_units_choose_elements(framework, tree):
    theme = framework.themes.get(key="staff-training-and-support")
    local = local_element_add(organisation=tree.organisation, theme=theme, name="Peer mentoring")
    assert local.key == "local-peer-mentoring"
    themes = framework_for(framework, tree.organisation, tree.team)
    elements = {e.key: e for t in themes for e in t.elements}
    assert elements["local-peer-mentoring"].is_local
    assert len(elements) == 16
    unit_elements_choose(
        unit=tree.team,
        framework=framework,
        keys_in_use={"staff-support", "local-peer-mentoring"},
        all_keys=set(elements),
    )
    in_use = {e.key for t in framework_for(framework, tree.organisation, tree.team) for e in t.elements if e.in_use}
    assert in_use == {"staff-support", "local-peer-mentoring"}
    with pytest.raises(ValidationError):
        unit_elements_choose(unit=tree.team, framework=framework, keys_in_use=set(), all_keys=set(elements))


def test_framework_for_uses_a_fixed_number_of_queries(framework, tree, django_assert_max_num_queries):
    theme = framework.themes.first()
    for n in range(5):
        local_element_add(organisation=tree.organisation, theme=theme, name=f"Local {n}")
    with django_assert_max_num_queries(5):
        framework_for(framework, tree.organisation, tree.team)


def test_service_users_see_the_levels_in_easy_words(framework):
    assert framework.easy_levels == ["Not good yet", "OK", "Getting better", "Really good"]


def test_easy_read_level_names_are_added_to_a_published_framework_that_had_none(framework):
    Framework.objects.filter(pk=framework.pk).update(easy_read_levels=[])
    again = framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(), owner=None, publish=True)
    assert again.pk == framework.pk
    assert Framework.objects.get(pk=framework.pk).easy_read_levels[0] == "Not good yet"


def test_easy_read_level_names_must_match_the_levels(framework):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace(
        '["Not good yet", "OK", "Getting better", "Really good"]', '["Not good yet", "OK"]'
    )
    with pytest.raises(FrameworkFileError, match="one name for each level"):
        framework_import(text=text.replace('version: "2.0"', 'version: "2.1"'), owner=None, publish=True)
