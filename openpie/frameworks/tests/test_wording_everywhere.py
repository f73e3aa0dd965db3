"""Every page outside a round names themes and elements in the organisation's current wording
(``frameworks.selectors.thread_names``); a round's own pages keep the words it began with (ADR 0005)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.exports.builders.register import register_sheet
from openpie.frameworks.selectors import thread_names
from openpie.frameworks.services import wording_set
from openpie.practice.tests.factories import make_example

OLD_THEME, NEW_THEME = "Psychological awareness", "Understanding people"
OLD_ELEMENT, NEW_ELEMENT = "Staff support", "Looking after staff"


def _rename(world, key: str, name: str) -> None:
    wording_set(
        organisation=world.tree.organisation,
        framework=world.framework,
        key=key,
        name=name,
        short_name="",
        description="",
        guiding_questions=[],
        easy_read="",
        by=world.people.admin,
    )


@pytest.fixture
def renamed(world):
    """The round began with the framework's words; the organisation renames a theme and an element after."""
    _rename(world, "psychological-awareness", NEW_THEME)
    _rename(world, "staff-support", NEW_ELEMENT)
    return world


def _page(client_for, person, url: str) -> str:
    response = client_for(person).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_helper_names_threads_in_each_organisations_wording(renamed, other_tree):
    names = thread_names(
        organisation_ids=[renamed.tree.organisation.pk, other_tree.organisation.pk],
        framework_ids=[renamed.framework.pk],
    )
    ours = names.of(renamed.tree.organisation.pk, renamed.framework.pk, "psychological-awareness")
    theirs = names.of(other_tree.organisation.pk, renamed.framework.pk, "psychological-awareness")
    assert (ours.name, ours.short_name) == (NEW_THEME, NEW_THEME)
    assert theirs.name == OLD_THEME
    assert (
        names.of(renamed.tree.organisation.pk, renamed.framework.pk, "gone", name="As recorded").name == "As recorded"
    )


def test_choosing_and_starting_show_the_current_wording(renamed, client_for):
    service = renamed.tree.service.pk
    for url in (reverse("assessments:round-new", args=[service]), reverse("frameworks:unit-elements", args=[service])):
        text = _page(client_for, renamed.people.lead, url)
        assert NEW_THEME in text
        assert NEW_ELEMENT in text
        assert OLD_THEME not in text
        assert OLD_ELEMENT not in text


def test_a_round_keeps_the_words_it_began_with(renamed, client_for):
    text = _page(client_for, renamed.people.staff, reverse("assessments:round", args=[renamed.round.round.pk]))
    assert OLD_THEME in text
    assert NEW_THEME not in text


def test_the_overview_uses_the_current_wording(renamed, client_for):
    root = renamed.tree.root.pk
    text = _page(client_for, renamed.people.admin, reverse("insights:overview", args=[root]))
    assert NEW_THEME in text
    assert OLD_THEME not in text


def test_history_uses_the_current_wording(renamed, client_for):
    text = _page(client_for, renamed.people.staff, reverse("assessments:history", args=[renamed.tree.service.pk]))
    assert NEW_THEME in text
    assert OLD_THEME not in text


def test_the_relationships_view_of_a_unit_uses_the_current_wording(renamed, client_for):
    text = _page(client_for, renamed.people.admin, reverse("relationships:unit", args=[renamed.tree.root.pk]))
    assert NEW_THEME in text
    assert OLD_THEME not in text
    in_round = _page(client_for, renamed.people.staff, reverse("relationships:round", args=[renamed.round.round.pk]))
    assert OLD_THEME in in_round  # the round's own view keeps its words


def test_the_barriers_register_and_its_export_use_the_current_wording(renamed, client_for):
    kind = renamed.round.barrier.barrier_kind
    assert kind is not None
    manager = renamed.people.manager
    pages = [reverse("barriers:kind", args=[kind.pk]), reverse("barriers:detail", args=[renamed.round.barrier.pk])]
    for url in pages:
        text = _page(client_for, manager, url)
        assert NEW_THEME in text
        assert OLD_THEME not in text
    rows = register_sheet(manager).rows
    assert [row[6] for row in rows] == [NEW_THEME]


def test_the_practice_library_uses_the_current_wording(renamed, client_for):
    make_example(
        author=renamed.people.staff, unit=renamed.tree.service, framework=renamed.framework, elements=("staff-support",)
    )
    library = _page(client_for, renamed.people.staff, reverse("practice:library"))
    assert f"{NEW_THEME} (every element)" in library
    assert f"Staff training and support: {NEW_ELEMENT}" in library
    assert OLD_THEME not in library
    assert OLD_ELEMENT not in library
    sharing = _page(client_for, renamed.people.staff, reverse("practice:new"))
    assert f"{NEW_THEME}: Emotional awareness and empathy" in sharing
    assert OLD_THEME not in sharing
