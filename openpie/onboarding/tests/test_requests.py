"""Asking to start an organisation: off by default; rate-limited; approved or declined by a platform admin."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from openpie.audit.models import AuditEvent
from openpie.onboarding.models import OrganisationRequest
from openpie.onboarding.services.requests import organisation_request_submit
from openpie.organisations.models import Invitation, Organisation, Role

pytestmark = pytest.mark.django_db
ASK = reverse("onboarding:request-new")
BODY = {
    "name": "Quayside Recovery",
    "kind": "agency",
    "requester_name": "Jo Quay",
    "requester_email": "jo@quayside.example",
    "about": "Two hostels and a day centre.",
}


def test_the_pages_are_not_there_unless_switched_on(client_for, platform_admin):
    assert Client().get(ASK).status_code == 404
    assert Client().post(ASK, BODY).status_code == 404
    assert client_for(platform_admin).get(reverse("onboarding:requests")).status_code == 404
    assert not OrganisationRequest.objects.exists()


@override_settings(OPENPIE_ALLOW_ORGANISATION_REQUESTS=True)
def test_someone_asks_and_sees_a_confirmation(platform_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(ASK, BODY)
    assert response["Location"] == reverse("onboarding:request-sent")
    assert "Request sent" in Client().get(response["Location"]).content.decode()
    asked = OrganisationRequest.objects.get()
    assert (asked.name, asked.status) == ("Quayside Recovery", "waiting")
    assert mail.outbox[0].to == [platform_admin.email]
    assert AuditEvent.objects.filter(action="platform.request", target_id=str(asked.pk)).exists()


@override_settings(OPENPIE_ALLOW_ORGANISATION_REQUESTS=True)
def test_bad_input_is_explained_and_nothing_kept():
    page = Client().post(ASK, {**BODY, "requester_email": "jo", "about": ""}).content.decode()
    assert "Enter an email address in the correct format" in page
    assert "Tell us a little about the organisation" in page
    assert not OrganisationRequest.objects.exists()


@override_settings(OPENPIE_ALLOW_ORGANISATION_REQUESTS=True, OPENPIE_RATE_ORGANISATION_REQUESTS=2)
def test_one_address_is_limited_per_hour_using_the_shared_database_limits():
    from openpie.participation.models import RateEvent

    for n in range(2):
        assert Client().post(ASK, {**BODY, "requester_email": f"p{n}@example.org"}).status_code == 302
    response = Client().post(ASK, {**BODY, "requester_email": "p3@example.org"})
    assert response.status_code == 429
    assert "in the last hour" in response.content.decode()
    assert OrganisationRequest.objects.count() == 2
    assert RateEvent.objects.filter(scope="org_request").exists()


@override_settings(OPENPIE_RATE_ORGANISATION_REQUESTS=1)
def test_one_email_address_is_limited_from_any_address():
    from openpie.participation.ratelimit import RateLimited

    organisation_request_submit(**BODY, address="10.0.0.1")
    with pytest.raises(RateLimited):
        organisation_request_submit(**BODY, address="10.0.0.2")


def _asked():
    return OrganisationRequest.objects.create(
        name=BODY["name"], kind="agency", requester_name="Jo Quay", requester_email=BODY["requester_email"]
    )


@override_settings(OPENPIE_ALLOW_ORGANISATION_REQUESTS=True)
def test_approving_starts_the_organisation_and_invites_the_requester(
    client_for, platform_admin, django_capture_on_commit_callbacks
):
    asked = _asked()
    client = client_for(platform_admin)
    assert "Quayside Recovery" in client.get(reverse("onboarding:requests")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("onboarding:request", args=[asked.pk]), {"decision": "approve"})
    assert response.status_code == 302
    asked.refresh_from_db()
    organisation = Organisation.objects.get(name="Quayside Recovery")
    assert (asked.status, asked.organisation) == ("approved", organisation)
    invitation = Invitation.objects.get(unit__organisation=organisation)
    assert (invitation.email, invitation.role) == (BODY["requester_email"], Role.ORG_ADMIN)
    assert mail.outbox[-1].to == [BODY["requester_email"]]
    assert AuditEvent.objects.filter(action="platform.request_approve").exists()
    # Answered once only.
    page = client.post(reverse("onboarding:request", args=[asked.pk]), {"decision": "approve"}).content.decode()
    assert "already been answered" in page
    assert Organisation.objects.filter(name="Quayside Recovery").count() == 1


@override_settings(OPENPIE_ALLOW_ORGANISATION_REQUESTS=True)
def test_declining_needs_a_note_which_is_emailed(client_for, platform_admin, django_capture_on_commit_callbacks):
    asked = _asked()
    url = reverse("onboarding:request", args=[asked.pk])
    client = client_for(platform_admin)
    assert "Write a note to say why you decline" in client.post(url, {"decision": "decline"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "decline", "note": "We only host services in Wales."})
    asked.refresh_from_db()
    assert asked.status == "declined"
    assert "We only host services in Wales." in mail.outbox[-1].body
    assert not Organisation.objects.exists()
    assert AuditEvent.objects.filter(action="platform.request_decline").exists()


@override_settings(OPENPIE_ALLOW_ORGANISATION_REQUESTS=True)
def test_only_platform_admins_see_or_answer_requests(client_for, people):
    asked = _asked()
    for who in [people.admin, people.outsider]:
        client = client_for(who)
        assert client.get(reverse("onboarding:requests")).status_code == 404
        assert client.post(reverse("onboarding:request", args=[asked.pk]), {"decision": "approve"}).status_code == 404
    assert not Organisation.objects.filter(name="Quayside Recovery").exists()
