"""A platform admin starts organisations of every kind from the product's pages and invites their first admin."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openpie.accounts.tests.factories import UserFactory
from openpie.audit.models import AuditEvent
from openpie.onboarding.services.organisations import first_admin_cancel, first_admin_resend, organisation_start
from openpie.onboarding.tests.helpers import invitation_link
from openpie.organisations.models import Invitation, Membership, Organisation, Role, Unit

pytestmark = pytest.mark.django_db
START = reverse("onboarding:organisation-start")
LIST = reverse("onboarding:organisations")


@pytest.fixture
def start(emailed):
    def run(by, **extra):
        data = {"name": "Northern Commissioning", "kind": "commissioner", "admin_email": "Chris@Example.org", **extra}
        return emailed(organisation_start, by=by, **data)

    return run


@pytest.mark.parametrize("kind", Organisation.Kind.values)
def test_any_kind_starts_with_its_top_unit_and_an_emailed_invitation(platform_admin, kind, start):
    organisation, invitation = start(platform_admin, kind=kind, top_name="Northern Commissioning Hub")
    top = Unit.objects.get(organisation=organisation, parent__isnull=True)
    assert organisation.kind == kind
    assert top.name == "Northern Commissioning Hub"
    assert (invitation.unit, invitation.role, invitation.email) == (top, Role.ORG_ADMIN, "chris@example.org")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["chris@example.org"]
    assert AuditEvent.objects.filter(action="platform.organisation_start", organisation_id=organisation.pk).exists()


def test_the_top_unit_is_called_after_the_organisation_by_default(platform_admin, start):
    organisation, _ = start(platform_admin)
    assert Unit.objects.get(organisation=organisation, parent__isnull=True).name == "Northern Commissioning"


def test_a_duplicate_name_is_refused(platform_admin, start):
    start(platform_admin)
    with pytest.raises(ValidationError, match="already an organisation called"):
        start(platform_admin, name="northern commissioning ")
    assert Organisation.objects.count() == 1


def test_only_a_platform_admin_may_start_one(people, start):
    with pytest.raises(PermissionDenied):
        start(people.admin)
    assert not Organisation.objects.filter(name="Northern Commissioning").exists()


def test_resend_replaces_the_link_and_cancel_stops_it(platform_admin, client, start, emailed):
    _, first = start(platform_admin)
    fresh = emailed(first_admin_resend, invitation=first, by=platform_admin)
    first.refresh_from_db()
    assert first.status == Invitation.Status.CANCELLED
    assert fresh.is_usable
    assert len(mail.outbox) == 2
    assert client.get(invitation_link(mail.outbox[0])).status_code == 410
    first_admin_cancel(invitation=fresh, by=platform_admin)
    assert client.get(invitation_link(mail.outbox[1])).status_code == 410


def test_the_first_admin_accepts_and_runs_the_organisation(platform_admin, client, start):
    organisation, _ = start(platform_admin)
    link = invitation_link(mail.outbox[0])
    response = client.post(link, {"full_name": "Chris Commissioner", "password": "a long and unusual passphrase"})
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="chris@example.org")
    assert membership.role == Role.ORG_ADMIN
    assert membership.unit.organisation == organisation


# Pages ---------------------------------------------------------------------------------------


def test_the_platform_admin_starts_an_organisation_from_the_page(client_for, platform_admin):
    client = client_for(platform_admin)
    response = client.post(
        START, {"name": "Harbour Research", "kind": "research", "top_name": "", "admin_email": "r@example.org"}
    )
    organisation = Organisation.objects.get(name="Harbour Research")
    assert response["Location"] == reverse("onboarding:organisation", args=[organisation.pk])
    page = client.get(LIST).content.decode()
    assert "Harbour Research" in page
    assert "Research body" in page
    assert "Invited, not joined yet" in page


def test_invalid_input_gets_clear_errors_and_nothing_is_made(client_for, platform_admin):
    response = client_for(platform_admin).post(START, {"name": "", "kind": "", "admin_email": "not-an-email"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the organisation&#x27;s name" in page
    assert "Select what kind of organisation it is" in page
    assert "Enter an email address in the correct format" in page
    assert not Organisation.objects.exists()


def test_the_list_says_when_the_first_admin_has_joined(client_for, platform_admin, tree, people):
    page = client_for(platform_admin).get(LIST).content.decode()
    assert tree.organisation.name in page
    assert "Joined" in page


def test_resend_and_cancel_from_the_page(client_for, platform_admin, start):
    organisation, invitation = start(platform_admin)
    client = client_for(platform_admin)
    assert client.get(reverse("onboarding:invitation-resend", args=[invitation.pk])).status_code == 405
    client.post(reverse("onboarding:invitation-resend", args=[invitation.pk]))
    fresh = Invitation.objects.filter(status=Invitation.Status.PENDING).get()
    client.post(reverse("onboarding:invitation-cancel", args=[fresh.pk]))
    fresh.refresh_from_db()
    assert fresh.status == Invitation.Status.CANCELLED
    page = client.get(reverse("onboarding:organisation", args=[organisation.pk])).content.decode()
    assert "cancelled" in page


def test_a_member_invitation_cannot_be_resent_from_the_platform_pages(client_for, platform_admin, tree, people):
    from openpie.organisations.services import invitation_create

    invitation, _ = invitation_create(unit=tree.team, email="x@example.org", role="staff", invited_by=people.admin)
    client_for(platform_admin).post(reverse("onboarding:invitation-resend", args=[invitation.pk]))
    assert Invitation.objects.filter(email="x@example.org").get().status == Invitation.Status.PENDING


@pytest.mark.parametrize("who", ["admin", "lead", "staff", "outsider"])
def test_people_who_are_not_platform_admins_get_404(client_for, people, tree, who):
    client = client_for(getattr(people, who))
    for url in [LIST, START, reverse("onboarding:organisation", args=[tree.organisation.pk])]:
        assert client.get(url).status_code == 404


def test_a_platform_admin_without_the_second_step_cannot_use_the_pages(client, platform_admin):
    client.force_login(platform_admin)
    assert client.get(LIST)["Location"].startswith(reverse("accounts:mfa-setup"))


def test_the_platform_admin_sees_no_organisation_data(client_for, platform_admin, tree, people):
    client = client_for(platform_admin)
    assert client.get(reverse("organisations:unit", args=[tree.root.pk])).status_code == 404
    page = client.get(reverse("home:home")).content.decode()
    assert "Organisations on this installation" in page


def test_an_unknown_organisation_is_404(client_for, platform_admin):
    assert client_for(platform_admin).get(reverse("onboarding:organisation", args=[9999])).status_code == 404


def test_the_admin_site_sends_organisation_adds_to_the_product_page(client_for, platform_admin):
    response = client_for(platform_admin).get("/admin/organisations/organisation/add/")
    assert response.status_code == 302
    assert response["Location"] == START


def test_invitations_are_read_only_in_the_admin_site(client_for, platform_admin, start):
    _, invitation = start(platform_admin)
    client = client_for(platform_admin)
    assert client.get("/admin/organisations/invitation/add/").status_code == 403
    response = client.post(f"/admin/organisations/invitation/{invitation.pk}/change/", {"email": "e@example.org"})
    invitation.refresh_from_db()
    assert response.status_code == 403
    assert invitation.email == "chris@example.org"


def test_a_user_made_by_the_factory_is_not_a_platform_admin():
    assert not UserFactory.create().is_staff


def test_the_list_runs_the_same_queries_however_many_organisations(client_for, platform_admin, start):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(platform_admin)
    start(platform_admin, name="First")
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for n in range(5):
        start(platform_admin, name=f"More {n}")
    with CaptureQueriesContext(connection) as six:
        client.get(LIST)
    assert len(six.captured_queries) == len(one.captured_queries)
