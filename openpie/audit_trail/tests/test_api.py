"""The audit API: the organisation's admins read its trail, filtered and paged; nobody else does."""

from __future__ import annotations

import pytest

from openpie.assessments.tests.api_operations import client_for_token
from openpie.audit.models import AuditEvent
from openpie.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _url(tree, query: str = "") -> str:
    return f"/organisations/{tree.organisation.pk}/audit-events{query}"


@pytest.fixture
def events(people, tree, other_tree):
    audit_record(actor=people.lead, action="unit.change", target=tree.service, organisation=tree.organisation)
    audit_record(actor=people.staff, action="evidence.add", organisation=tree.organisation)
    audit_record(actor=people.outsider, action="unit.change", organisation=other_tree.organisation)


def test_an_admin_reads_the_trail_in_plain_english(people, tree, events):
    response = client_for_token(people.admin).get(_url(tree))
    assert response.status_code == 200
    body = response.json()
    actions = {(i["action"], i["action_label"], i["actor_name"]) for i in body["items"]}
    assert ("unit.change", "Changed a unit", people.lead.get_full_name()) in actions
    assert people.outsider.get_full_name() not in {i["actor_name"] for i in body["items"]}
    assert body["count"] == AuditEvent.objects.filter(organisation_id=tree.organisation.pk).count()


def test_filters_and_pages(people, tree, events):
    api = client_for_token(people.admin)
    by_person = api.get(_url(tree, f"?actor_id={people.staff.pk}")).json()
    assert [i["action"] for i in by_person["items"]] == ["evidence.add"]
    by_kind = api.get(_url(tree, "?record_type=organisations.unit&action=unit.change")).json()
    assert by_kind["count"] == 1
    assert by_kind["items"][0]["record_label"] == "Unit"
    paged = api.get(_url(tree, "?limit=1&offset=1")).json()
    assert len(paged["items"]) == 1


@pytest.mark.parametrize(("persona", "status"), [("lead", 403), ("manager", 403), ("reader", 403), ("outsider", 404)])
def test_only_the_organisations_admins(people, tree, persona, status):
    assert client_for_token(getattr(people, persona)).get(_url(tree)).status_code == status


def test_bad_filters_are_422(people, tree):
    api = client_for_token(people.admin)
    assert api.get(_url(tree, "?date_from=2026-02-31")).status_code == 422
    assert api.get(_url(tree, "?action=a%00b")).status_code == 422
    assert api.get(_url(tree, "?limit=0")).status_code == 422
    assert api.get(_url(tree, "?actor_id=true")).status_code == 422


def test_wrong_method(people, tree):
    assert client_for_token(people.admin).post(_url(tree)).status_code == 405


def test_a_fixed_number_of_queries(people, tree, django_assert_max_num_queries):
    AuditEvent.objects.bulk_create(
        AuditEvent(actor_id=people.staff.pk, organisation_id=tree.organisation.pk, action="placement.record")
        for _ in range(120)
    )
    api = client_for_token(people.admin)
    with django_assert_max_num_queries(8):
        assert len(api.get(_url(tree, "?limit=100")).json()["items"]) == 100
