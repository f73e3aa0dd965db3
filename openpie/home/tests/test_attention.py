import datetime

from django.urls import reverse
from django.utils import timezone

from openpie.assessments import services
from openpie.assessments.tests.factories import make_round_world
from openpie.sharing import services as sharing
from openpie.sharing.tests.conftest import make_county


def _attention(client_for, person) -> str:
    return client_for(person).get(reverse("home:home")).content.decode()


def test_managers_hear_of_barriers_flagged_to_them_and_staff_do_not(world, client_for):
    page = _attention(client_for, world.people.manager)
    assert f"{world.tree.service.name} flagged 1 barrier outside their control to managers." in page
    assert reverse("assessments:round", args=[world.round.round.pk]) in page
    assert "flagged 1 barrier" not in _attention(client_for, world.people.staff)
    assert "flagged" not in _attention(client_for, world.people.outsider)


def test_a_person_hears_of_their_overdue_actions(world, client_for):
    action = world.round.action
    services.action_update(
        action=action,
        version=action.version,
        by=world.people.staff,
        what=action.what,
        owner=world.people.staff,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert "You have 1 action past its due date." in _attention(client_for, world.people.staff)
    assert "past its due date" not in _attention(client_for, world.people.lead)


def test_the_home_page_query_count_does_not_grow_with_rounds(world, client_for, django_assert_max_num_queries, tree):
    client = client_for(world.people.manager)
    client.get(reverse("home:home"))
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("home:home"))
    make_round_world(tree.team, world.framework, by=world.people.staff)
    make_round_world(tree.service, world.framework, by=world.people.staff)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("home:home"))


def test_an_organisation_admin_hears_of_a_request_to_share_until_it_is_decided(world, client_for):
    county = make_county()
    asked = sharing.grant_request(
        grantee=county.organisation, unit=world.tree.root, scope="both", by=county.commissioner
    )
    message = f"County Council asks to see your overview and barriers ({world.tree.root.name} and below)."
    page = _attention(client_for, world.people.admin)
    assert message in page
    assert f'href="{reverse("sharing:organisation", args=[world.tree.organisation.pk])}"' in page
    assert "asks to see your" not in _attention(client_for, world.people.manager)
    assert "asks to see your" not in _attention(client_for, county.commissioner)
    sharing.grant_accept(grant=asked, by=world.people.admin)
    assert "asks to see your" not in _attention(client_for, world.people.admin)
