"""Moderation: nobody but the author and the organisation's moderators sees an example before it is
published; only moderators publish or return it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.practice.models import PracticeExample
from openpie.practice.tests.factories import make_example

pytestmark = pytest.mark.django_db
Status = PracticeExample.Status


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.WITHDRAWN])
@pytest.mark.parametrize("persona", ["manager", "reader", "outsider"])
def test_an_unpublished_example_is_invisible_to_others(people, tree, framework, client_for, status, persona):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=status)
    client = client_for(getattr(people, persona))
    assert client.get(reverse("practice:detail", args=[example.pk])).status_code == 404
    assert example.title not in client.get(reverse("practice:library")).content.decode()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.RETURNED])
@pytest.mark.parametrize("persona", ["admin", "lead"])
def test_the_organisation_s_moderators_see_it_once_it_is_submitted(
    people, tree, framework, client_for, status, persona
):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=status)
    response = client_for(getattr(people, persona)).get(reverse("practice:detail", args=[example.pk]))
    assert response.status_code == 200


def test_a_draft_is_the_author_s_alone(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT)
    assert client_for(people.lead).get(reverse("practice:detail", args=[example.pk])).status_code == 404
    assert client_for(people.staff).get(reverse("practice:detail", args=[example.pk])).status_code == 200


def test_the_queue_lists_what_waits_and_the_moderator_publishes(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    lead = client_for(people.lead)
    assert example.title in lead.get(reverse("practice:queue")).content.decode()
    response = lead.post(reverse("practice:moderate", args=[example.pk]), {"decision": "publish"})
    assert response.status_code == 302
    assert PracticeExample.objects.get(pk=example.pk).status == Status.PUBLISHED
    assert example.title not in lead.get(reverse("practice:queue")).content.decode()


def test_returning_with_a_note_shows_the_note_to_the_author(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    url = reverse("practice:moderate", args=[example.pk])
    client_for(people.lead).post(url, {"decision": "return", "note": "Say what changed for residents."})
    page = client_for(people.staff).get(reverse("practice:detail", args=[example.pk])).content.decode()
    assert "Say what changed for residents." in page
    assert "Returned to the author" in page


def test_returning_without_a_note_is_refused_and_keeps_the_choice(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    response = client_for(people.lead).post(reverse("practice:moderate", args=[example.pk]), {"decision": "return"})
    assert response.status_code == 400
    assert "Tell the author what to change" in response.content.decode()
    assert 'value="return" checked' in response.content.decode()
    assert PracticeExample.objects.get(pk=example.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("persona", ["manager", "staff"])
def test_only_moderators_publish(people, tree, framework, client_for, persona):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    response = client_for(getattr(people, persona)).post(
        reverse("practice:moderate", args=[example.pk]), {"decision": "publish"}
    )
    assert response.status_code in {403, 404}
    assert PracticeExample.objects.get(pk=example.pk).status == Status.SUBMITTED


def test_the_author_cannot_publish_their_own_example_without_the_moderator_role(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    response = client_for(people.staff).post(reverse("practice:moderate", args=[example.pk]), {"decision": "publish"})
    assert response.status_code == 403


def test_another_organisation_s_admin_cannot_moderate(people, tree, framework, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    response = client_for(people.outsider).post(
        reverse("practice:moderate", args=[example.pk]), {"decision": "publish"}
    )
    assert response.status_code == 404


def test_a_platform_admin_moderates_any_organisation(people, tree, framework, admin_user, client_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    assert example.title in client_for(admin_user).get(reverse("practice:queue")).content.decode()
    client_for(admin_user).post(reverse("practice:moderate", args=[example.pk]), {"decision": "publish"})
    assert PracticeExample.objects.get(pk=example.pk).status == Status.PUBLISHED


def test_a_network_example_is_read_only_inside_its_organisation(people, tree, framework, client_for):
    example = make_example(
        author=people.staff, unit=tree.service, framework=framework, visibility=PracticeExample.Visibility.NETWORK
    )
    assert client_for(people.reader).get(reverse("practice:detail", args=[example.pk])).status_code == 200
    assert client_for(people.outsider).get(reverse("practice:detail", args=[example.pk])).status_code == 404
