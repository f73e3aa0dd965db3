"""Erasing an account: the person is gone, what they contributed stays and every figure is unchanged."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from openpie.accounts.models import ApiToken
from openpie.accounts.services import api_token_create
from openpie.accounts.tests.factories import PASSWORD, UserFactory
from openpie.assessments.models import Contribution, Evidence
from openpie.assessments.overlay.selectors import STAFF, round_overlay
from openpie.audit.models import AuditEvent
from openpie.insights.selectors import OverviewFilters, unit_overview
from openpie.organisations.models import Membership
from openpie.organisations.tests.factories import grant
from openpie.privacy.services import person_erase, subject_access_data
from openpie.privacy.services.erasure import ERASED_NAME
from openpie.reviews.models import PeerReview
from openpie.reviews.tests.factories import accepted

pytestmark = pytest.mark.django_db


def _figures(world):
    overview = unit_overview(unit=world.tree.root, viewer=world.people.admin, filters=OverviewFilters())
    staff = round_overlay(world.round.round).threads[0].group(STAFF)
    return repr(overview.themes), overview.units_counted, staff.count, staff.positions


def test_erasure_keeps_every_figure_and_removes_the_person(voiced):
    staff = voiced.people.staff
    api_token_create(user=staff, name="Sheet")
    before = _figures(voiced)
    events_before = list(AuditEvent.objects.filter(actor_id=staff.pk).values_list("pk", "action", "detail"))

    person_erase(person=staff, by=voiced.people.admin, organisation=voiced.tree.organisation)

    assert _figures(voiced) == before  # overview and overlay figures unchanged
    staff.refresh_from_db()
    assert (staff.full_name, staff.is_active, staff.has_usable_password()) == (ERASED_NAME, False, False)
    assert staff.email == f"erased-{staff.pk}@erased.invalid"
    assert not Membership.objects.filter(user=staff).exists()
    assert not ApiToken.objects.filter(user=staff).exists()
    assert not Contribution.objects.filter(author=staff).exists()
    assert Contribution.objects.filter(round=voiced.round.round, kind="individual").count() == 5
    evidence = Evidence.objects.get(pk=voiced.round.evidence.pk)
    assert (evidence.text, evidence.created_by_id) == ("Keyworkers meet each resident weekly", None)
    # The trail is untouched: the same rows, and the erasure itself.
    assert list(AuditEvent.objects.filter(actor_id=staff.pk).values_list("pk", "action", "detail")) == events_before
    assert AuditEvent.objects.filter(action="privacy.erase", target_id=str(staff.pk)).count() == 1


def test_an_erased_person_cannot_sign_in_and_is_signed_out(voiced, client_for):
    client = client_for(voiced.people.staff)
    old_email = voiced.people.staff.email
    person_erase(person=voiced.people.staff, by=voiced.people.admin)
    assert client.get(reverse("accounts:profile")).status_code == 302  # the session no longer works
    request = RequestFactory().post("/sign-in/")
    for email in (old_email, f"erased-{voiced.people.staff.pk}@erased.invalid"):
        assert authenticate(request, username=email, password=PASSWORD) is None


def test_the_audit_page_shows_the_erased_account_not_the_name(voiced, client_for):
    name = voiced.people.staff.get_full_name()
    person_erase(person=voiced.people.staff, by=voiced.people.admin)
    text = client_for(voiced.people.admin).get(reverse("audit:list", args=[voiced.tree.organisation.pk])).content
    assert name.encode() not in text
    assert ERASED_NAME.encode() in text


def test_the_last_admin_cannot_be_erased(voiced):
    with pytest.raises(ValidationError, match="needs another organisation admin"):
        person_erase(person=voiced.people.admin, by=voiced.people.admin)
    assert voiced.people.admin.is_active


def test_erasing_twice_is_refused(voiced):
    person_erase(person=voiced.people.staff, by=voiced.people.admin)
    with pytest.raises(ValidationError, match="already been erased"):
        person_erase(person=voiced.people.staff, by=voiced.people.admin)


# The pages ----------------------------------------------------------------------------------------


def _erase_url(person):
    return reverse("privacy:erase", args=[person.pk])


def test_an_admin_erases_a_member_after_confirming(voiced, client_for):
    client = client_for(voiced.people.admin)
    page = client.get(_erase_url(voiced.people.staff))
    assert page.status_code == 200
    assert "This cannot be undone" in page.content.decode()
    response = client.post(_erase_url(voiced.people.staff), {"confirm": "on"})
    assert response.status_code == 302
    voiced.people.staff.refresh_from_db()
    assert not voiced.people.staff.is_active


def test_without_confirming_nothing_happens(voiced, client_for):
    response = client_for(voiced.people.admin).post(_erase_url(voiced.people.staff), {})
    assert response.status_code == 200
    assert "Tick the box to confirm that you want to erase this account" in response.content.decode()
    voiced.people.staff.refresh_from_db()
    assert voiced.people.staff.is_active


def test_refusing_the_last_admin_is_explained(voiced, client_for):
    response = client_for(voiced.people.admin).post(_erase_url(voiced.people.admin), {"confirm": "on"})
    assert "needs another organisation admin" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("lead", 403), ("manager", 403), ("reader", 403), ("outsider", 404)])
def test_only_an_admin_of_their_organisation_may_erase(voiced, client_for, persona, status):
    response = client_for(getattr(voiced.people, persona)).post(_erase_url(voiced.people.staff), {"confirm": "on"})
    assert response.status_code == status
    voiced.people.staff.refresh_from_db()
    assert voiced.people.staff.is_active


def test_someone_in_another_organisation_too_needs_a_platform_admin(voiced, client_for):

    grant(voiced.people.staff, voiced.people.outsider.memberships.get().unit, "staff")
    response = client_for(voiced.people.admin).post(_erase_url(voiced.people.staff), {"confirm": "on"})
    assert response.status_code == 403
    assert (
        client_for(voiced.people.admin).get(reverse("privacy:person", args=[voiced.people.staff.pk])).status_code == 200
    )


def test_wrong_method(voiced, client_for):
    assert client_for(voiced.people.admin).put(_erase_url(voiced.people.staff)).status_code == 405


def test_the_member_page_links_to_their_data(voiced, client_for):
    membership = Membership.objects.get(user=voiced.people.staff)
    page = client_for(voiced.people.admin).get(reverse("organisations:membership", args=[membership.pk])).content
    assert reverse("privacy:person", args=[voiced.people.staff.pk]).encode() in page


def test_a_peer_reviewers_copy_and_erasure(world, other_tree):

    reviewer = world.people.outsider
    review = accepted(world.round.round, reviewer, by=world.people.lead)
    assert [r["state"] for r in subject_access_data(person=reviewer)["peer_reviews"]] == ["Reviewing"]
    event = AuditEvent.objects.get(action="review.invite")
    assert reviewer.email not in str(event.detail)  # the trail never holds the address

    grant(UserFactory.create(), other_tree.root, "org_admin")  # so the reviewer is not their last admin
    person_erase(person=reviewer, by=world.people.admin)
    assert PeerReview.objects.get(pk=review.pk).email == f"erased-{reviewer.pk}@erased.invalid"
