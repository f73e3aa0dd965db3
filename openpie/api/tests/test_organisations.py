"""API: organisations and the list of their units."""

from __future__ import annotations

import pytest

from openpie.organisations.models import Organisation, Unit
from openpie.organisations.tests.factories import grant


def _error_fields(response) -> set[str]:
    return {str(e["loc"][-1]) for e in response.json()["errors"]}


def test_a_member_lists_their_organisation_with_its_top_unit(people, tree, api_for):
    response = api_for(people.staff).get("/organisations")
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": tree.organisation.pk,
                "name": "Riverside",
                "slug": tree.organisation.slug,
                "kind": "agency",
                "root_unit_id": tree.root.pk,
            }
        ],
    }


def test_a_person_in_two_organisations_lists_both_and_the_outsider_only_their_own(people, tree, other_tree, api_for):
    grant(people.reader, other_tree.team, "read_only")
    listed = api_for(people.reader).get("/organisations").json()["items"]
    assert [o["name"] for o in listed] == ["Eastgate", "Riverside"]
    assert [o["name"] for o in api_for(people.outsider).get("/organisations").json()["items"]] == ["Eastgate"]
    # Every list takes limit and offset.
    page = api_for(people.reader).get("/organisations?limit=1&offset=1").json()
    assert (page["count"], [o["name"] for o in page["items"]]) == (2, ["Riverside"])


def test_a_read_only_member_sees_the_organisation(people, tree, api_for):
    response = api_for(people.reader).get(f"/organisations/{tree.organisation.pk}")
    assert response.status_code == 200
    assert response.json()["name"] == "Riverside"
    assert response.json()["root_unit_id"] == tree.root.pk


def test_an_outsider_gets_404_for_another_organisation_and_learns_nothing(people, tree, api_for):
    client = api_for(people.outsider)
    for path in (f"/organisations/{tree.organisation.pk}", f"/organisations/{tree.organisation.pk}/units"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Riverside" not in response.content.decode()
        assert response.json() == client.get("/organisations/987654321").json()


def test_an_organisation_admin_renames_the_organisation_and_its_top_unit(people, tree, api_for):
    response = api_for(people.admin).patch(
        f"/organisations/{tree.organisation.pk}", {"name": "Riverside Trust", "kind": "consortium"}
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Riverside Trust"
    assert response.json()["kind"] == "consortium"
    tree.root.refresh_from_db()
    assert tree.root.name == "Riverside Trust"
    assert api_for(people.reader).get(f"/organisations/{tree.organisation.pk}").json()["name"] == "Riverside Trust"


def test_changing_only_the_kind_keeps_the_name(people, tree, api_for):
    response = api_for(people.admin).patch(f"/organisations/{tree.organisation.pk}", {"kind": "network"})
    assert response.status_code == 200
    assert response.json()["name"] == "Riverside"
    assert response.json()["kind"] == "network"


@pytest.mark.parametrize("who", ["lead", "manager", "reader"])
def test_only_an_organisation_admin_may_change_the_organisation(who, people, tree, api_for):
    response = api_for(getattr(people, who)).patch(f"/organisations/{tree.organisation.pk}", {"name": "Taken over"})
    assert response.status_code == 403
    assert response.json()["detail"] == "You cannot do this here (organisation.change)."
    assert Organisation.objects.get(pk=tree.organisation.pk).name == "Riverside"


def test_an_outsider_cannot_change_another_organisation(people, tree, api_for):
    response = api_for(people.outsider).patch(f"/organisations/{tree.organisation.pk}", {"name": "Taken over"})
    assert response.status_code == 404
    assert Organisation.objects.get(pk=tree.organisation.pk).name == "Riverside"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"name": "Riverside\x00"}, "name", "text must not contain NUL characters"),
        ({"name": "   "}, "name", "at least 1 character"),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
        ({"name": 7}, "name", "valid string"),
        ({"kind": "charity"}, "kind", "'agency', 'network', 'consortium', 'commissioner' or 'research'"),
    ],
)
def test_a_bad_organisation_change_gets_422_naming_the_field(body, field, message, people, tree, api_for):
    response = api_for(people.admin).patch(f"/organisations/{tree.organisation.pk}", body)
    assert response.status_code == 422
    assert response.json()["detail"] == "The request is not valid."
    assert _error_fields(response) == {field}
    assert message in response.json()["errors"][0]["msg"]
    assert Organisation.objects.get(pk=tree.organisation.pk).name == "Riverside"


def test_a_body_that_is_not_json_gets_400(people, tree, api_for):
    response = api_for(people.admin).patch(f"/organisations/{tree.organisation.pk}", raw="name=Riverside+Trust")
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_an_organisation_id_that_is_not_a_number_gets_422(people, api_for):
    response = api_for(people.admin).get("/organisations/riverside")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["path", "organisation_id"]


def test_the_unit_list_runs_top_down_with_depths(people, tree, api_for):
    response = api_for(people.admin).get(f"/organisations/{tree.organisation.pk}/units")
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 4
    assert [(u["name"], u["depth"], u["parent_id"]) for u in page["items"]] == [
        ("Riverside", 0, None),
        ("Riverside locality", 1, tree.root.pk),
        ("Riverside hostel", 2, tree.locality.pk),
        ("Riverside night team", 3, tree.service.pk),
    ]
    assert page["items"][2] == {
        "id": tree.service.pk,
        "organisation_id": tree.organisation.pk,
        "parent_id": tree.locality.pk,
        "name": "Riverside hostel",
        "kind": "service",
        "client_group": "homelessness",
        "service_type": "hostel",
        "depth": 2,
    }


def test_a_member_lists_only_the_units_at_and_below_their_own(people, tree, api_for):
    page = api_for(people.reader).get(f"/organisations/{tree.organisation.pk}/units").json()
    assert page["count"] == 2
    assert [u["id"] for u in page["items"]] == [tree.service.pk, tree.team.pk]


def test_the_unit_list_pages_with_limit_and_offset(people, tree, api_for):
    client = api_for(people.admin)
    url = f"/organisations/{tree.organisation.pk}/units"
    first = client.get(f"{url}?limit=3").json()
    rest = client.get(f"{url}?limit=3&offset=3").json()
    beyond = client.get(f"{url}?offset=10").json()
    assert (first["count"], rest["count"], beyond["count"]) == (4, 4, 4)
    assert [u["id"] for u in first["items"] + rest["items"]] == [
        tree.root.pk,
        tree.locality.pk,
        tree.service.pk,
        tree.team.pk,
    ]
    assert beyond["items"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"), ("limit=ten", "limit")],
)
def test_a_bad_page_gets_422_naming_the_parameter(query, field, people, tree, api_for):
    response = api_for(people.admin).get(f"/organisations/{tree.organisation.pk}/units?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", field]


def test_a_unit_created_elsewhere_is_not_listed_for_the_outsider(people, tree, other_tree, api_for):
    page = api_for(people.outsider).get(f"/organisations/{other_tree.organisation.pk}/units").json()
    assert Unit.objects.filter(organisation=tree.organisation).count() == 4
    assert {u["organisation_id"] for u in page["items"]} == {other_tree.organisation.pk}
    assert not any(u["name"].startswith("Riverside") for u in page["items"])
