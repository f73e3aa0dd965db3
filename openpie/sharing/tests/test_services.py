"""The grant's states: asked, accepted or declined, revoked or given up; each change audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from openpie.audit.models import AuditEvent
from openpie.organisations import services as organisation_services
from openpie.sharing import services
from openpie.sharing.models import SharingGrant

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(tree, county, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.grant_request(grantee=county.organisation, unit=tree.root, scope="both", by=county.commissioner)


def _actions(grant: SharingGrant) -> list[str]:
    return list(AuditEvent.objects.filter(target_id=str(grant.pk)).order_by("pk").values_list("action", flat=True))


def test_a_request_is_audited_and_emails_the_granters_admins(asked, people):
    assert asked.state == "requested"
    assert _actions(asked) == ["sharing.grant_request"]
    assert [m.to for m in mail.outbox] == [[people.admin.email]]


def test_only_one_live_grant_per_unit_and_grantee(asked, tree, county):
    with pytest.raises(ValidationError, match="already"):
        services.grant_request(grantee=county.organisation, unit=tree.root, scope="overview", by=county.admin)


def test_a_new_request_is_allowed_once_the_last_one_ended(asked, tree, county, people):
    services.grant_decline(grant=asked, by=people.admin)
    again = services.grant_request(grantee=county.organisation, unit=tree.root, scope="overview", by=county.admin)
    assert again.state == "requested"


def test_an_organisation_cannot_ask_itself(tree, people):
    with pytest.raises(ValidationError, match="another organisation"):
        services.grant_request(grantee=tree.organisation, unit=tree.service, scope="both", by=people.admin)


def test_accepting_may_narrow_to_a_unit_below_and_tells_the_requester(
    asked, tree, people, county, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_accept(grant=asked, unit=tree.locality, by=people.admin)
    asked.refresh_from_db()
    assert (asked.state, asked.unit, asked.decided_by) == ("accepted", tree.locality, people.admin)
    assert mail.outbox[-1].to == [county.commissioner.email]
    assert _actions(asked) == ["sharing.grant_request", "sharing.grant_accept"]


def test_accepting_cannot_widen_or_leave_the_tree(asked, other_tree, people):
    with pytest.raises(ValidationError, match="below"):
        services.grant_accept(grant=asked, unit=other_tree.root, by=people.admin)


@pytest.mark.parametrize(
    ("first", "second"),
    [("grant_decline", "grant_accept"), ("grant_decline", "grant_revoke"), ("grant_accept", "grant_decline")],
)
def test_changes_only_from_their_allowed_states(asked, people, first, second):
    getattr(services, first)(grant=asked, by=people.admin)
    with pytest.raises(services.GrantStateError):
        getattr(services, second)(grant=asked, by=people.admin)


def test_a_stale_copy_cannot_decide_twice(asked, people):
    stale = SharingGrant.objects.get(pk=asked.pk)
    services.grant_accept(grant=asked, by=people.admin)
    with pytest.raises(services.GrantStateError, match="accepted"):
        services.grant_decline(grant=stale, by=people.admin)


def test_revoke_and_relinquish_end_the_grant_and_are_audited(asked, people, county):
    services.grant_accept(grant=asked, by=people.admin)
    services.grant_revoke(grant=asked, by=people.admin)
    assert (asked.state, asked.revoked_by) == ("revoked", people.admin)
    with pytest.raises(services.GrantStateError):
        services.grant_relinquish(grant=asked, by=county.admin)
    assert _actions(asked)[-1] == "sharing.grant_revoke"


def test_the_grantee_may_withdraw_a_request(asked, county):
    services.grant_relinquish(grant=asked, by=county.admin)
    assert asked.state == "revoked"
    assert _actions(asked)[-1] == "sharing.grant_relinquish"


def test_requested_unit_by_name_or_the_top(tree):
    assert services.requested_unit(granter=tree.organisation, name="") == tree.root
    assert services.requested_unit(granter=tree.organisation, name=tree.locality.name.upper()) == tree.locality
    with pytest.raises(ValidationError, match="no one unit"):
        services.requested_unit(granter=tree.organisation, name="Nowhere")


def test_research_opt_in_is_audited_once(tree, people):
    organisation_services.research_opt_in_set(organisation=tree.organisation, opt_in=True, by=people.admin)
    organisation_services.research_opt_in_set(organisation=tree.organisation, opt_in=True, by=people.admin)
    tree.organisation.refresh_from_db()
    assert tree.organisation.research_opt_in
    assert AuditEvent.objects.filter(action="sharing.research_opt_in").count() == 1
