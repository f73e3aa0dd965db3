"""The sharing API: every operation (SHARING_OPERATIONS) works for its role, and refuses the rest."""

from __future__ import annotations

import pytest

from openpie.assessments.tests.api_operations import client_for_token
from openpie.sharing.models import SharingGrant
from openpie.sharing.tests.factories import make_grant

pytestmark = pytest.mark.django_db


def test_a_commissioner_asks_and_lists(tree, county):
    api = client_for_token(county.commissioner)
    body = {"granter_id": tree.organisation.pk, "scope": "overview", "unit_name": tree.locality.name}
    created = api.post(f"/organisations/{county.organisation.pk}/grants", body)
    assert created.status_code == 201, created.content
    assert created.json()["unit_id"] == tree.locality.pk
    listed = api.get(f"/organisations/{county.organisation.pk}/grants")
    assert [g["state"] for g in listed.json()["items"]] == ["requested"]


def test_bad_requests_are_422(tree, county):
    api = client_for_token(county.admin)
    url = f"/organisations/{county.organisation.pk}/grants"
    assert api.post(url, {"granter_id": True, "scope": "both"}).status_code == 422
    assert api.post(url, {"granter_id": tree.organisation.pk, "scope": "all"}).status_code == 422
    assert api.post(url, {"granter_id": tree.organisation.pk, "scope": "both", "note": "a\x00b"}).status_code == 422
    assert api.post(url, {"granter_id": county.organisation.pk, "scope": "both"}).status_code == 422
    assert api.post(url, raw="{not json").status_code == 400


@pytest.mark.parametrize("verb", ["accept", "decline"])
def test_the_granter_decides(tree, county, people, verb):
    grant = make_grant(unit=tree.root, grantee=county.organisation, state="requested")
    response = client_for_token(people.admin).post(f"/grants/{grant.pk}/{verb}", {} if verb == "accept" else None)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == f"{verb}ed".replace("eed", "ed")


def test_accepting_a_smaller_part_and_then_revoking(tree, county, people):
    grant = make_grant(unit=tree.root, grantee=county.organisation, state="requested")
    api = client_for_token(people.admin)
    assert api.post(f"/grants/{grant.pk}/accept", {"unit_id": tree.service.pk}).json()["unit_id"] == tree.service.pk
    assert api.post(f"/grants/{grant.pk}/accept", {}).status_code == 409
    assert api.post(f"/grants/{grant.pk}/revoke").json()["state"] == "revoked"
    assert api.post(f"/grants/{grant.pk}/revoke").status_code == 409


def test_a_unit_of_another_tree_cannot_be_accepted(tree, other_tree, county, people):
    grant = make_grant(unit=tree.root, grantee=county.organisation, state="requested")
    response = client_for_token(people.admin).post(f"/grants/{grant.pk}/accept", {"unit_id": other_tree.root.pk})
    assert response.status_code == 422


def test_the_grantee_relinquishes(tree, county):
    grant = make_grant(unit=tree.root, grantee=county.organisation)
    assert client_for_token(county.admin).post(f"/grants/{grant.pk}/relinquish").status_code == 200
    assert SharingGrant.objects.get().state == "revoked"


def test_outsiders_404_and_wrong_roles_403(tree, county, people):
    grant = make_grant(unit=tree.root, grantee=county.organisation, state="requested")
    assert client_for_token(people.outsider).post(f"/grants/{grant.pk}/accept", {}).status_code == 404
    assert client_for_token(people.outsider).get(f"/organisations/{county.organisation.pk}/grants").status_code == 404
    assert client_for_token(people.lead).post(f"/grants/{grant.pk}/decline").status_code == 403
    assert client_for_token(county.admin).post(f"/grants/{grant.pk}/accept", {}).status_code == 403
    assert client_for_token(county.staff).get(f"/organisations/{county.organisation.pk}/grants").status_code == 403
    body = {"granter_id": tree.organisation.pk, "scope": "both"}
    assert (
        client_for_token(county.researcher).post(f"/organisations/{county.organisation.pk}/grants", body).status_code
        == 403
    )
