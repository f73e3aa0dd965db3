"""Pages of the practice library: the standard cases, and nothing lost on bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.frameworks.models import Element
from openpie.practice.models import PracticeExample
from openpie.practice.tests.factories import make_example

pytestmark = pytest.mark.django_db
Status = PracticeExample.Status


def _post(tree, framework, **changes):
    element = Element.objects.get(framework=framework, key="staff-support")
    data = {
        "title": "Supervision that helps",
        "story": "Monthly reflective supervision.",
        "what_changed": "Staff stay longer.",
        "elements": [str(element.pk)],
        "unit": str(tree.service.pk),
        "contact": "Jo",
        "visibility": "everyone",
    }
    data.update(changes)
    return data


def test_the_library_lists_published_examples_with_filters(people, tree, framework, client_for):
    make_example(author=people.staff, unit=tree.service, framework=framework, title="Garden club")
    response = client_for(people.outsider).get(reverse("practice:library"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Garden club" in content
    assert "1 example" in content
    assert 'name="element"' in content
    assert 'name="service_type"' in content


def test_a_bad_filter_is_explained(people, client_for, framework):
    response = client_for(people.staff).get(reverse("practice:library"), {"element": "no-such"})
    assert "Choose a theme or element from the list" in response.content.decode()


def test_the_library_pages_through_examples(people, tree, framework, client_for):
    for n in range(22):
        make_example(author=people.staff, unit=tree.service, framework=framework, title=f"Example {n:02}")
    page_two = client_for(people.staff).get(reverse("practice:library"), {"page": 2, "q": "example"})
    content = page_two.content.decode()
    assert "Page 2 of 2" in content
    assert "Example 00" in content
    assert "Example 21" not in content
    assert "q=example&amp;page=1" in content


@pytest.mark.parametrize("name", ["practice:library", "practice:mine", "practice:queue"])
def test_pages_are_for_signed_in_people(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


@pytest.mark.parametrize("name", ["practice:library", "practice:mine", "practice:queue"])
def test_read_pages_refuse_other_methods(people, client_for, name):
    assert client_for(people.admin).post(reverse(name)).status_code == 405


def test_sharing_saves_a_draft_and_shows_it(people, tree, framework, client_for):
    client = client_for(people.staff)
    response = client.post(reverse("practice:new"), _post(tree, framework))
    example = PracticeExample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("practice:detail", args=[example.pk])
    assert example.status == Status.DRAFT
    assert example.author == people.staff
    page = client.get(response["Location"]).content.decode()
    assert "Send it to a moderator" in page


def test_bad_input_keeps_what_was_typed(people, tree, framework, client_for):
    response = client_for(people.staff).post(
        reverse("practice:new"), _post(tree, framework, title="", elements=[], story="Our careful story <b>")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter a title" in content
    assert "Choose at least one element" in content
    assert "Our careful story &lt;b&gt;" in content
    assert 'value="Jo"' in content
    assert not PracticeExample.objects.exists()


def test_the_library_offers_sharing_only_to_those_who_can(people, client_for, framework):
    share = reverse("practice:new")
    assert share in client_for(people.staff).get(reverse("practice:library")).content.decode()
    assert share not in client_for(people.reader).get(reverse("practice:library")).content.decode()


def test_a_read_only_member_cannot_share(people, tree, framework, client_for):
    response = client_for(people.reader).get(reverse("practice:new"))
    assert response.status_code == 403
    assert "You cannot share practice yet" in response.content.decode()


def test_a_unit_of_another_organisation_is_not_a_choice(people, tree, other_tree, framework, client_for):
    response = client_for(people.staff).post(
        reverse("practice:new"), _post(tree, framework, unit=str(other_tree.service.pk))
    )
    assert response.status_code == 400
    assert "Choose a team or service from the list" in response.content.decode()


def test_the_author_changes_a_draft(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT)
    client = client_for(people.staff)
    assert "Walk and talk keywork" in client.get(reverse("practice:edit", args=[example.pk])).content.decode()
    response = client.post(reverse("practice:edit", args=[example.pk]), _post(tree, framework, title="New title"))
    assert response.status_code == 302
    assert PracticeExample.objects.get(pk=example.pk).title == "New title"


def test_changing_a_published_example_is_refused_and_keeps_the_form(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework)
    response = client_for(people.staff).post(
        reverse("practice:edit", args=[example.pk]), _post(tree, framework, title="Sneaky")
    )
    assert response.status_code == 400
    assert "Only a draft" in response.content.decode()
    assert 'value="Sneaky"' in response.content.decode()
    assert PracticeExample.objects.get(pk=example.pk).title == "Walk and talk keywork"


@pytest.mark.parametrize("name", ["practice:edit", "practice:withdraw"])
def test_someone_else_in_the_organisation_gets_403_and_an_outsider_404(people, tree, framework, client_for, name):
    example = make_example(
        author=people.staff, unit=tree.service, framework=framework, visibility=PracticeExample.Visibility.NETWORK
    )
    assert client_for(people.reader).get(reverse(name, args=[example.pk])).status_code == 403
    assert client_for(people.outsider).get(reverse(name, args=[example.pk])).status_code == 404


def test_submit_is_post_only_and_sends_it_to_the_moderators(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT)
    client = client_for(people.staff)
    assert client.get(reverse("practice:submit", args=[example.pk])).status_code == 405
    assert client.post(reverse("practice:submit", args=[example.pk])).status_code == 302
    assert PracticeExample.objects.get(pk=example.pk).status == Status.SUBMITTED
    assert client_for(people.outsider).post(reverse("practice:submit", args=[example.pk])).status_code == 404


def test_withdrawing_asks_first(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework)
    client = client_for(people.staff)
    assert (
        "Withdraw “Walk and talk keywork”?"
        in client.get(reverse("practice:withdraw", args=[example.pk])).content.decode()
    )
    assert PracticeExample.objects.get(pk=example.pk).status == Status.PUBLISHED
    client.post(reverse("practice:withdraw", args=[example.pk]))
    assert PracticeExample.objects.get(pk=example.pk).status == Status.WITHDRAWN


def test_your_examples_lists_every_state(people, tree, framework, client_for):
    make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT, title="Mine draft")
    make_example(author=people.lead, unit=tree.service, framework=framework, title="Not mine")
    content = client_for(people.staff).get(reverse("practice:mine")).content.decode()
    assert "Mine draft" in content
    assert "Draft" in content
    assert "Not mine" not in content


def test_the_queue_is_for_moderators(people, client_for):
    assert client_for(people.staff).get(reverse("practice:queue")).status_code == 403
    assert client_for(people.lead).get(reverse("practice:queue")).status_code == 200


def test_the_moderation_page_is_for_the_organisation_s_moderators(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    url = reverse("practice:moderate", args=[example.pk])
    assert client_for(people.lead).get(url).status_code == 200
    assert client_for(people.staff).get(url).status_code == 403
    assert client_for(people.outsider).get(url).status_code == 404
    assert client_for(people.lead).put(url).status_code == 405


def test_the_actions_stage_links_to_the_library(world, client_for):
    make_example(author=world.people.staff, unit=world.tree.service, framework=world.framework, title="Walks")
    content = client_for(world.people.staff).get(reverse("assessments:stage-actions", args=[world.round.round.pk]))
    text = content.content.decode()
    assert "What others did" in text
    assert "Walks" in text
    assert reverse("practice:library") + "?element=" in text


def test_the_actions_stage_takes_the_same_queries_with_more_examples(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    url = reverse("assessments:stage-actions", args=[world.round.round.pk])
    make_example(author=world.people.staff, unit=world.tree.service, framework=world.framework)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(5):
        make_example(author=world.people.staff, unit=world.tree.service, framework=world.framework, title=f"E{n}")
    with django_assert_max_num_queries(len(first)):
        client.get(url)
