"""A new organisation admin's task list: statuses worked out from what is recorded, and the levels."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openpie.onboarding.selectors import first_hour, first_hour_pending
from openpie.onboarding.services.levels import organisation_levels_set
from openpie.onboarding.services.units_import import units_import
from openpie.organisations.models import Organisation, Role
from openpie.organisations.services import invitation_create, organisation_create
from openpie.organisations.tests.factories import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(db):
    from openpie.accounts.tests.factories import UserFactory

    admin = UserFactory.create(email="founder@fresh.example")
    organisation = organisation_create(name="Fresh Start", kind="agency", admin=admin)
    return organisation, admin


def _statuses(organisation, user):
    return {task.key: task.status for task in first_hour(organisation=organisation, user=user)}


def test_a_new_organisation_has_everything_to_do(fresh):
    organisation, admin = fresh
    assert _statuses(organisation, admin) == {
        "levels": "Incomplete",
        "units": "Incomplete",
        "people": "Incomplete",
        "framework": "Optional",
        "round": "Incomplete",
    }
    assert first_hour_pending(organisation=organisation, user=admin)


def test_statuses_follow_what_is_done(fresh, world):
    organisation, admin = fresh
    organisation_levels_set(organisation=organisation, names=["Service", "Team"], by=admin)
    units_import(organisation=organisation, text="parent,name\n,Quay\nQuay,Night team\n", by=admin)
    invitation_create(unit=organisation.units.get(name="Quay"), email="s@example.org", role="staff", invited_by=admin)
    statuses = _statuses(organisation, admin)
    assert statuses["levels"] == statuses["units"] == statuses["people"] == "Completed"
    assert statuses["round"] == "Incomplete"
    round_task = first_hour(organisation=organisation, user=admin)[-1]
    assert round_task.links == [
        (
            "Start a round for Night team",
            reverse("assessments:round-new", args=[organisation.units.get(name="Night team").pk]),
        )
    ]
    # An organisation with rounds (the shared world's) has the round task done.
    assert _statuses(world.tree.organisation, world.people.admin)["round"] == "Completed"


def test_a_commissioner_asks_for_sharing_rather_than_holding_rounds(platform_admin):
    from openpie.accounts.tests.factories import UserFactory

    admin = UserFactory.create()
    organisation = organisation_create(name="County Council", kind=Organisation.Kind.COMMISSIONER, admin=admin)
    tasks = first_hour(organisation=organisation, user=admin)
    assert tasks[-1].key == "sharing"
    assert tasks[-1].links == [("Ask for sharing", reverse("sharing:request", args=[organisation.pk]))]


def test_levels_are_saved_and_bad_ones_refused(fresh):
    organisation, admin = fresh
    organisation_levels_set(organisation=organisation, names=[" Region ", "Locality", "", ""], by=admin)
    organisation.refresh_from_db()
    assert organisation.level_names == ["Region", "Locality"]
    with pytest.raises(ValidationError, match="Level 2 is empty"):
        organisation_levels_set(organisation=organisation, names=["Region", "", "Team"], by=admin)
    with pytest.raises(ValidationError, match="different name"):
        organisation_levels_set(organisation=organisation, names=["Team", "team"], by=admin)


def test_only_an_organisation_admin_names_the_levels(tree, people):
    with pytest.raises(PermissionDenied):
        organisation_levels_set(organisation=tree.organisation, names=["Area"], by=people.lead)


def test_the_level_words_show_in_the_tree_and_on_the_add_unit_page(client_for, tree, people):
    organisation_levels_set(organisation=tree.organisation, names=["Area", "Service", "Team"], by=people.admin)
    client = client_for(people.admin)
    tree_page = client.get(reverse("organisations:list")).content.decode()
    assert "Area" in tree_page
    add_page = client.get(reverse("organisations:unit-add", args=[tree.locality.pk])).content.decode()
    assert "Your organisation calls units at this level “Service”" in add_page
    assert "Choose the one nearest to “Service”" in add_page


# Pages ---------------------------------------------------------------------------------------


def test_the_task_list_page_shows_each_status(client_for, fresh):
    organisation, admin = fresh
    page = client_for(admin).get(reverse("onboarding:tasks", args=[organisation.pk])).content.decode()
    assert "Set up your organisation" in page
    assert "You have completed 0 of 5 tasks" in page
    assert "Name the levels of your structure" in page


def test_home_and_the_organisation_page_link_to_the_tasks_until_done(client_for, fresh):
    organisation, admin = fresh
    client = client_for(admin)
    tasks = reverse("onboarding:tasks", args=[organisation.pk])
    top = organisation.units.get()
    assert tasks in client.get(reverse("home:home")).content.decode()
    assert tasks in client.get(reverse("organisations:unit", args=[top.pk])).content.decode()


def test_the_levels_page_saves_and_explains_errors(client_for, fresh):
    organisation, admin = fresh
    url = reverse("onboarding:levels", args=[organisation.pk])
    client = client_for(admin)
    page = client.post(url, {"level_1": ""}).content.decode()
    assert "Enter the name of at least the first level" in page
    response = client.post(url, {"level_1": "Region", "level_2": "Team"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.level_names == ["Region", "Team"]


@pytest.mark.parametrize("name", ["tasks", "levels"])
def test_the_set_up_pages_are_404_outside_and_403_below_an_admin(client_for, tree, people, name):
    url = reverse(f"onboarding:{name}", args=[tree.organisation.pk])
    assert client_for(people.outsider).get(url).status_code == 404
    assert client_for(people.reader).get(url).status_code == 403
    assert client_for(people.lead).get(url).status_code == 403
    assert client_for(people.admin).get(url).status_code == 200


def test_a_read_only_member_cannot_save_levels(client_for, tree, people):
    reader_at_top = people.reader
    grant(reader_at_top, tree.root, Role.READ_ONLY)
    url = reverse("onboarding:levels", args=[tree.organisation.pk])
    assert client_for(reader_at_top).post(url, {"level_1": "Area"}).status_code == 403
    tree.organisation.refresh_from_db()
    assert tree.organisation.level_names == []


def test_the_task_list_runs_the_same_queries_however_big_the_tree(client_for, fresh):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation, admin = fresh
    client = client_for(admin)
    url = reverse("onboarding:tasks", args=[organisation.pk])
    units_import(organisation=organisation, text="name\nA\n", by=admin)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    units_import(organisation=organisation, text="parent,name\n" + "".join(f"A,T{n}\n" for n in range(20)), by=admin)
    with CaptureQueriesContext(connection) as big:
        client.get(url)
    assert len(big.captured_queries) == len(small.captured_queries)
