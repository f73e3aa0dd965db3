"""Every kind of organisation works end to end from pages: here a commissioner's, which has only its top unit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from openpie.accounts.models import User
from openpie.barriers.models import BarrierResponse
from openpie.onboarding.tests.helpers import invitation_link
from openpie.organisations.models import Membership, Organisation, Role
from openpie.sharing.models import SharingGrant

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unusual passphrase"


def _join(link: str, name: str) -> User:
    response = Client().post(link, {"full_name": name, "password": PASSWORD})
    assert response.status_code == 302
    return User.objects.get(full_name=name)


@pytest.mark.parametrize("kind", ["commissioner", "research"])
def test_a_commissioning_organisation_invites_asks_for_sharing_and_answers_barriers(
    kind, world, people, platform_admin, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(platform_admin).post(
            reverse("onboarding:organisation-start"),
            {"name": "County Commissioning", "kind": kind, "top_name": "", "admin_email": "chris@county.example"},
        )
    county = Organisation.objects.get(name="County Commissioning")
    assert county.units.count() == 1
    chris = _join(invitation_link(mail.outbox[-1]), "Chris County")
    top = county.units.get()

    # The admin invites a commissioner.
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(chris).post(
            reverse("organisations:invite", args=[top.pk]), {"email": "cam@county.example", "role": "commissioner"}
        )
    assert response.status_code == 302
    cam = _join(invitation_link(mail.outbox[-1]), "Cam Commissioner")
    assert Membership.objects.get(user=cam).role == Role.COMMISSIONER

    # The commissioner asks the provider to share its barriers; the provider agrees.
    provider = world.tree.organisation
    client = client_for(cam)
    form = client.get(reverse("sharing:request", args=[county.pk])).content.decode()
    assert provider.name in form
    response = client.post(
        reverse("sharing:request", args=[county.pk]), {"organisation": provider.pk, "unit": "", "scope": "barriers"}
    )
    assert response.status_code == 302
    grant = SharingGrant.objects.get(grantee=county)
    client_for(people.admin).post(reverse("sharing:decide", args=[grant.pk]), {"decision": "accept"})
    grant.refresh_from_db()
    assert grant.state == "accepted"

    # The commissioner finds the barrier on the register and answers it.
    assert client.get(reverse("barriers:register")).status_code == 200
    detail = reverse("barriers:detail", args=[world.round.barrier.pk])
    response = client.post(detail, {"status": "investigating", "text": "Raised with the housing board"})
    assert response.status_code == 302
    assert BarrierResponse.objects.get().responder_organisation == county

    # Its set-up list asks for sharing rather than a round, and counts it done.
    page = client_for(chris).get(reverse("onboarding:tasks", args=[county.pk])).content.decode()
    assert "Ask an organisation to share with you" in page
    assert "Start the first round" not in page
    assert 'id="task-sharing-status">\n        Completed' in page


def test_a_network_can_be_asked_to_share(world, client_for, people):
    from openpie.accounts.tests.factories import UserFactory
    from openpie.organisations.services import organisation_create

    network = organisation_create(name="Harbour Network", kind="network")
    commissioner = UserFactory.create()
    county = organisation_create(name="County", kind="commissioner", admin=commissioner)
    page = client_for(commissioner).get(reverse("sharing:request", args=[county.pk])).content.decode()
    assert network.name in page
