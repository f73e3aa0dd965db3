from django.core import mail
from django.urls import reverse

from openpie.accounts.models import User
from openpie.organisations.models import Invitation, Membership, Role, Unit


def test_adding_a_team_under_a_service(people, tree, client_for):
    client = client_for(people.lead)
    response = client.post(
        reverse("organisations:unit-add", args=[tree.service.pk]),
        {"name": "Weekend team", "kind": "team", "client_group": "homelessness", "service_type": "hostel"},
    )
    team = Unit.objects.get(name="Weekend team")
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:unit", args=[team.pk])
    assert team.parent == tree.service
    page = client.get(reverse("organisations:unit", args=[tree.service.pk])).content.decode()
    assert "Weekend team" in page


def test_a_bad_unit_form_shows_the_error_summary_and_keeps_what_was_typed(people, tree, client_for):
    response = client_for(people.lead).post(
        reverse("organisations:unit-add", args=[tree.service.pk]),
        {"name": "Riverside night team", "kind": "team", "client_group": "homelessness", "service_type": "hostel"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "govuk-error-summary" in page
    assert "already has a unit called" in page
    assert 'value="Riverside night team"' in page
    assert Unit.objects.filter(name="Riverside night team").count() == 1
    empty = client_for(people.lead).post(reverse("organisations:unit-add", args=[tree.service.pk]), {"name": ""})
    page = empty.content.decode()
    assert '<a href="#id_name">Enter a name</a>' in page
    assert '<a href="#id_kind_0">Select what it is' in page


def test_a_read_only_member_cannot_add_units(people, tree, client_for):
    response = client_for(people.reader).post(
        reverse("organisations:unit-add", args=[tree.service.pk]),
        {"name": "Sneaky", "kind": "team", "client_group": "mixed", "service_type": "none"},
    )
    assert response.status_code == 403
    assert not Unit.objects.filter(name="Sneaky").exists()


def test_an_outsider_cannot_see_that_a_unit_exists(people, tree, client_for):
    response = client_for(people.outsider).get(reverse("organisations:unit", args=[tree.team.pk]))
    assert response.status_code == 404
    assert tree.team.name not in response.content.decode()


def test_inviting_and_accepting_with_a_new_account(
    people, tree, client_for, client, django_capture_on_commit_callbacks
):
    lead = client_for(people.lead)
    with django_capture_on_commit_callbacks(execute=True):
        sent = lead.post(
            reverse("organisations:invite", args=[tree.team.pk]), {"email": "kim@example.org", "role": "staff"}
        )
    assert sent.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invitations/" in line).strip()
    path = "/" + link.split("/", 3)[3]
    page = client.get(path).content.decode()
    assert "Set up your account" in page
    bad = client.post(path, {"full_name": "Kim", "password": "short"})
    assert "There is a problem" in bad.content.decode()
    assert not User.objects.filter(email="kim@example.org").exists()
    response = client.post(path, {"full_name": "Kim Lewis", "password": "a long enough passphrase"})
    assert response.status_code == 302
    kim = User.objects.get(email="kim@example.org")
    assert Membership.objects.get(user=kim).unit == tree.team
    assert client.get(reverse("organisations:unit", args=[tree.team.pk])).status_code == 200
    assert client.get(path).status_code == 410  # used once only


def test_the_invitation_form_offers_admin_only_to_admins(people, tree, client_for):
    lead_page = client_for(people.lead).get(reverse("organisations:invite", args=[tree.team.pk])).content.decode()
    admin_page = client_for(people.admin).get(reverse("organisations:invite", args=[tree.team.pk])).content.decode()
    assert 'value="org_admin"' not in lead_page
    assert 'value="org_admin"' in admin_page
    response = client_for(people.lead).post(
        reverse("organisations:invite", args=[tree.team.pk]), {"email": "boss@example.org", "role": "org_admin"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_unknown_invitation_token_is_404(client, db):
    assert client.get(reverse("organisations:invitation-accept", args=["not-a-real-token"])).status_code == 404


def test_cancelling_an_invitation(people, tree, client_for):
    client = client_for(people.lead)
    client.post(reverse("organisations:invite", args=[tree.team.pk]), {"email": "kim@example.org", "role": "staff"})
    invitation = Invitation.objects.get()
    assert (
        client_for(people.reader).post(reverse("organisations:invitation-cancel", args=[invitation.pk])).status_code
        == 403
    )
    assert (
        client_for(people.outsider).post(reverse("organisations:invitation-cancel", args=[invitation.pk])).status_code
        == 404
    )
    client.post(reverse("organisations:invitation-cancel", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.CANCELLED


def test_changing_and_removing_a_membership(people, tree, client_for):
    membership = Membership.objects.get(user=people.staff)
    url = reverse("organisations:membership", args=[membership.pk])
    assert client_for(people.reader).get(url).status_code == 403
    assert client_for(people.outsider).get(url).status_code == 404
    client = client_for(people.lead)
    client.post(url, {"role": "read_only"})
    membership.refresh_from_db()
    assert membership.role == Role.READ_ONLY
    client.post(url, {"role": "read_only", "remove": "1"})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_removing_the_last_admin_is_refused_with_a_clear_message(people, tree, client_for):
    membership = Membership.objects.get(user=people.admin)
    response = client_for(people.admin).post(
        reverse("organisations:membership", args=[membership.pk]), {"role": "org_admin", "remove": "1"}
    )
    assert "at least one organisation admin" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_organisation_list_shows_only_your_own(people, tree, other_tree, client_for):
    page = client_for(people.staff).get(reverse("organisations:list")).content.decode()
    assert tree.service.name in page
    assert tree.team.name in page
    assert tree.locality.name not in page  # above the staff member's unit
    assert other_tree.organisation.name not in page


def test_home_lists_your_units_and_nudges_a_new_admin(client_for, db):
    from openpie.accounts.tests.factories import UserFactory
    from openpie.organisations.services import organisation_create

    founder = UserFactory.create(full_name="Dana Bright")
    organisation_create(name="Fresh Start", kind="agency", admin=founder)
    page = client_for(founder).get(reverse("home:home")).content.decode()
    assert "Hello, Dana" in page
    assert "Fresh Start" in page
    assert "Set up Fresh Start: add its services and teams" in page


def test_the_top_unit_links_to_sharing_for_those_who_see_it(people, tree, client_for):
    sharing = reverse("sharing:organisation", args=[tree.organisation.pk])
    top = reverse("organisations:unit", args=[tree.root.pk])
    assert f'href="{sharing}"' in client_for(people.admin).get(top).content.decode()
    assert f'href="{sharing}"' not in client_for(people.lead).get(top).content.decode()
    below = reverse("organisations:unit", args=[tree.service.pk])
    assert f'href="{sharing}"' not in client_for(people.admin).get(below).content.decode()
