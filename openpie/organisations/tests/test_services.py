from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from openpie.accounts.tests.factories import UserFactory
from openpie.organisations import services
from openpie.organisations.access import can, memberships_for
from openpie.organisations.models import Invitation, Membership, Role, Unit


def test_units_get_a_path_that_finds_everything_below_at_any_depth(tree):
    assert tree.team.path == f"{tree.root.path}{tree.locality.pk}/{tree.service.pk}/{tree.team.pk}/"
    assert tree.team.depth == 3
    below_locality = set(Unit.objects.below(tree.locality))
    assert below_locality == {tree.locality, tree.service, tree.team}


def test_a_role_applies_to_everything_below_but_not_above(tree):
    user = UserFactory.create()
    Membership.objects.create(user=user, unit=tree.service, role=Role.PIE_LEAD)
    assert can(user, "unit.change", tree.team)
    assert can(user, "unit.change", tree.service)
    assert not can(user, "unit.view", tree.locality)
    assert set(Unit.objects.visible_to(user)) == {tree.service, tree.team}


def test_sibling_units_cannot_share_a_name(tree):
    with pytest.raises(ValidationError) as error:
        services.unit_create(
            parent=tree.service, name="riverside NIGHT team", kind="team", client_group="mixed", service_type="none"
        )
    assert "already has a unit" in str(error.value)


def test_only_the_top_unit_is_the_whole_organisation(tree):
    with pytest.raises(ValidationError):
        services.unit_create(
            parent=tree.root, name="Another", kind="organisation", client_group="mixed", service_type="none"
        )


def test_invitation_emails_a_link_that_joins_the_unit_with_the_role(people, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, link = services.invitation_create(
            unit=tree.team, email="New.Person@Example.org", role=Role.STAFF, invited_by=people.lead
        )
    assert invitation.email == "new.person@example.org"
    assert len(mail.outbox) == 1
    assert link in mail.outbox[0].body
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert services.invitation_for_token(token) == invitation
    assert invitation.token_hash != token  # only the hash is stored

    newcomer = UserFactory.create(email="new.person@example.org")
    membership = services.invitation_accept(invitation=invitation, user=newcomer)
    assert membership.unit == tree.team
    assert membership.role == Role.STAFF
    assert can(newcomer, "unit.view", tree.team)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=newcomer)


def test_an_expired_invitation_cannot_be_accepted(people, tree):
    invitation, _ = services.invitation_create(
        unit=tree.team, email="late@example.org", role=Role.STAFF, invited_by=people.admin
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_accept(invitation=invitation, user=UserFactory.create(email="late@example.org"))
    assert not Membership.objects.filter(user__email="late@example.org").exists()


def test_an_invitation_is_only_for_its_own_address(people, tree):
    invitation, _ = services.invitation_create(
        unit=tree.team, email="right@example.org", role=Role.STAFF, invited_by=people.admin
    )
    with pytest.raises(ValidationError, match=r"right@example\.org"):
        services.invitation_accept(invitation=invitation, user=UserFactory.create(email="wrong@example.org"))


def test_a_pie_lead_cannot_make_an_organisation_admin(people, tree):
    with pytest.raises(PermissionDenied):
        services.invitation_create(unit=tree.team, email="x@example.org", role=Role.ORG_ADMIN, invited_by=people.lead)
    membership = Membership.objects.get(user=people.staff)
    with pytest.raises(PermissionDenied):
        services.membership_change_role(membership=membership, role=Role.ORG_ADMIN, by=people.lead)


def test_the_last_organisation_admin_cannot_be_removed_or_demoted(people, tree):
    membership = Membership.objects.get(user=people.admin)
    with pytest.raises(ValidationError, match="at least one organisation admin"):
        services.membership_remove(membership=membership, by=people.admin)
    with pytest.raises(ValidationError, match="at least one organisation admin"):
        services.membership_change_role(membership=membership, role=Role.STAFF, by=people.admin)
    assert Membership.objects.filter(pk=membership.pk, role=Role.ORG_ADMIN).exists()


def test_organisation_create_makes_the_top_unit_and_its_admin(db):
    founder = UserFactory.create()
    organisation = services.organisation_create(name="Northgate Network", kind="network", admin=founder)
    root = Unit.objects.get(organisation=organisation, parent__isnull=True)
    assert root.kind == Unit.Kind.ORGANISATION
    assert root.name == "Northgate Network"
    assert [m.role for m in memberships_for(founder)] == [Role.ORG_ADMIN]
    assert organisation.slug == "northgate-network"
