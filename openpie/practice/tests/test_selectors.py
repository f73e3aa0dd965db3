"""Reads of the practice library: search, filters, pages and "what others did", in a fixed number of queries."""

from __future__ import annotations

import pytest

from openpie.assessments.tests.factories import make_round
from openpie.organisations.access import forget_memberships
from openpie.practice.models import PracticeExample
from openpie.practice.selectors import (
    PAGE_SIZE,
    LibraryFilters,
    element_filter_choices,
    library_page,
    round_related_examples,
)
from openpie.practice.tests.factories import make_example

pytestmark = pytest.mark.django_db


def _many(people, tree, framework, count):
    for n in range(count):
        make_example(author=people.staff, unit=tree.service, framework=framework, title=f"Example {n}")


@pytest.mark.parametrize("count", [1, PAGE_SIZE + 5])
def test_a_library_page_takes_the_same_queries_however_many_examples(
    people, tree, framework, django_assert_max_num_queries, count
):
    _many(people, tree, framework, count)
    forget_memberships(people.outsider)
    # memberships, count, rows, elements; themes, elements, wording and local elements for the names
    with django_assert_max_num_queries(8):
        found = library_page(viewer=people.outsider, filters=LibraryFilters(service_type="hostel"))
    assert len(found.records) == min(count, PAGE_SIZE)
    assert found.page.paginator.count == count


def test_search_looks_in_the_title_story_and_what_changed(people, tree, framework):
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Garden club")
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Other", story="A gardening rota")
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Third")
    titles = [r.title for r in library_page(viewer=people.outsider, filters=LibraryFilters(text="GARDEN")).records]
    assert sorted(titles) == ["Garden club", "Other"]


def test_an_element_filter_and_a_theme_filter(people, tree, framework):
    make_example(author=people.staff, unit=tree.service, framework=framework, title="A", elements=("staff-support",))
    make_example(author=people.staff, unit=tree.service, framework=framework, title="B", elements=("staff-training",))
    make_example(author=people.staff, unit=tree.service, framework=framework, title="C", elements=("roles",))

    def titles(key):
        return sorted(
            r.title for r in library_page(viewer=people.outsider, filters=LibraryFilters(element=key)).records
        )

    assert titles("staff-support") == ["A"]
    assert titles("staff-training-and-support") == ["A", "B"]


def test_a_service_type_filter(people, tree, framework):
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Hostel one")
    tree.locality.service_type = "outreach"
    tree.locality.save()
    make_example(author=people.lead, unit=tree.locality, framework=framework, title="Outreach one")
    found = library_page(viewer=people.outsider, filters=LibraryFilters(service_type="outreach")).records
    assert [r.title for r in found] == ["Outreach one"]


def test_someone_with_no_organisation_reads_nothing(people, tree, framework):
    from openpie.accounts.tests.factories import UserFactory

    make_example(author=people.staff, unit=tree.service, framework=framework)
    assert library_page(viewer=UserFactory.create(), filters=LibraryFilters()).records == []


def test_what_others_did_lists_examples_about_the_round_s_threads_in_fixed_queries(
    people, tree, other_tree, framework, django_assert_max_num_queries
):
    _many(people, tree, framework, 6)
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Rules", elements=("roles",))
    round_ = make_round(other_tree.service, framework, by=people.outsider)
    forget_memberships(people.outsider)
    with django_assert_max_num_queries(8):  # and 4 for the elements' names in the reader's wording
        related = round_related_examples(viewer=people.outsider, round_=round_)
    assert len(related.records) == 3


def test_what_others_did_matches_element_threads(people, tree, other_tree, framework):
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Rules", elements=("roles",))
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Support")
    round_ = make_round(other_tree.service, framework, by=people.outsider)
    related = round_related_examples(viewer=people.outsider, round_=round_)
    assert {r.title for r in related.records} == {"Rules", "Support"}
    assert {key for key, _name in related.threads} == {
        "the-three-rs",
        "staff-training-and-support",
        "psychological-awareness",
    }


def test_the_element_choices_offer_themes_and_their_elements(people, framework):
    keys = [c.key for c in element_filter_choices(people.staff)]
    assert keys.index("staff-training-and-support") < keys.index("staff-training") < keys.index("staff-support")


def test_a_withdrawn_example_leaves_the_library(people, tree, framework):
    make_example(author=people.staff, unit=tree.service, framework=framework, status=PracticeExample.Status.WITHDRAWN)
    assert library_page(viewer=people.outsider, filters=LibraryFilters()).records == []
