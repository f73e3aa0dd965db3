"""API: one unit, adding a unit below another, and changing a unit."""

from __future__ import annotations

import json

import pytest

from openpie.organisations.models import Unit

NEW_TEAM = {"name": "Day team", "kind": "team", "client_group": "homelessness", "service_type": "hostel"}


def _unit_names() -> list[str]:
    return sorted(Unit.objects.values_list("name", flat=True))


def test_a_member_reads_a_unit_below_their_own(people, tree, api_for):
    response = api_for(people.reader).get(f"/units/{tree.team.pk}")
    assert response.status_code == 200
    assert response.json() == {
        "id": tree.team.pk,
        "organisation_id": tree.organisation.pk,
        "parent_id": tree.service.pk,
        "name": "Riverside night team",
        "kind": "team",
        "client_group": "homelessness",
        "service_type": "hostel",
        "depth": 3,
    }


def test_a_member_gets_404_for_a_unit_above_their_own(people, tree, api_for):
    response = api_for(people.reader).get(f"/units/{tree.locality.pk}")
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()


def test_an_outsider_gets_404_for_a_unit_and_learns_nothing(people, tree, api_for):
    client = api_for(people.outsider)
    response = client.get(f"/units/{tree.team.pk}")
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()
    assert response.json() == client.get("/units/987654321").json()


@pytest.mark.parametrize(("unit_id", "status"), [("team", 422), ("1.5", 422), ("99999999999999999999999", 404)])
def test_a_unit_id_that_is_not_a_usable_number_is_refused_not_a_server_error(unit_id, status, people, api_for):
    response = api_for(people.admin).get(f"/units/{unit_id}")
    assert response.status_code == status
    assert response.json()["detail"]


def test_an_admin_adds_a_team_under_a_service(people, tree, api_for):
    client = api_for(people.admin)
    response = client.post("/units", {"parent_id": tree.service.pk, **NEW_TEAM})
    assert response.status_code == 201
    created = response.json()
    assert created["parent_id"] == tree.service.pk
    assert created["organisation_id"] == tree.organisation.pk
    assert created["depth"] == 3
    assert {k: created[k] for k in NEW_TEAM} == NEW_TEAM
    unit = Unit.objects.get(pk=created["id"])
    assert unit.path == f"{tree.service.path}{unit.pk}/"
    assert client.get(f"/units/{unit.pk}").json() == created
    listed = client.get(f"/organisations/{tree.organisation.pk}/units").json()["items"]
    below_service = [u["name"] for u in listed if u["parent_id"] == tree.service.pk]
    assert sorted(below_service) == ["Day team", "Riverside night team"]


def test_a_new_unit_takes_the_defaults_for_what_is_left_out(people, tree, api_for):
    response = api_for(people.lead).post(
        "/units", {"parent_id": tree.locality.pk, "name": "North hub", "kind": "service"}
    )
    assert response.status_code == 201
    assert response.json()["client_group"] == "mixed"
    assert response.json()["service_type"] == "none"
    assert response.json()["depth"] == 2


@pytest.mark.parametrize("who", ["manager", "staff", "reader"])
def test_a_member_without_the_role_cannot_add_a_unit(who, people, tree, api_for):
    before = _unit_names()
    response = api_for(getattr(people, who)).post("/units", {"parent_id": tree.service.pk, **NEW_TEAM})
    assert response.status_code == 403
    assert response.json()["detail"] == "You cannot do this here (unit.add)."
    assert _unit_names() == before


def test_an_outsider_cannot_add_a_unit_to_another_organisation(people, tree, api_for):
    before = _unit_names()
    response = api_for(people.outsider).post("/units", {"parent_id": tree.service.pk, **NEW_TEAM})
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()
    assert _unit_names() == before


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "Day\x00team"}, "name", "text must not contain NUL characters"),
        ({"parent_id": True}, "parent_id", "Input should be a valid integer"),
        ({"parent_id": "{service}"}, "parent_id", "Input should be a valid integer"),
        ({"parent_id": 1.5}, "parent_id", "Input should be a valid integer"),
        ({"name": None}, "name", "Input should be a valid string"),
        ({"name": " \t "}, "name", "String should have at least 1 character"),
        ({"kind": "department"}, "kind", "Input should be 'region', 'locality', 'service' or 'team'"),
        ({"kind": "organisation"}, "kind", "Input should be 'region', 'locality', 'service' or 'team'"),
        ({"client_group": "everyone"}, "client_group", "Input should be 'mixed', 'homelessness'"),
        ({"service_type": "castle"}, "service_type", "Input should be 'none', 'hostel'"),
    ],
)
def test_a_bad_new_unit_gets_422_naming_the_field(change, field, message, people, tree, api_for):
    before = _unit_names()
    body = {"parent_id": tree.service.pk, **NEW_TEAM, **change}
    if body["parent_id"] == "{service}":
        body["parent_id"] = str(tree.service.pk)
    response = api_for(people.admin).post("/units", body)
    assert response.status_code == 422
    assert response.json()["detail"] == "The request is not valid."
    errors = response.json()["errors"]
    assert [e["loc"] for e in errors] == [["body", field]]
    assert message in errors[0]["msg"]
    assert _unit_names() == before


@pytest.mark.parametrize("missing", ["parent_id", "name", "kind"])
def test_a_new_unit_missing_a_required_field_gets_422(missing, people, tree, api_for):
    body = {"parent_id": tree.service.pk, **NEW_TEAM}
    del body[missing]
    response = api_for(people.admin).post("/units", body)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"loc": ["body", missing], "msg": "Field required", "type": "missing"}]


@pytest.mark.parametrize(("raw", "status"), [("{not json", 400), ("name=Day+team", 400), ("", 422), ("[]", 422)])
def test_a_new_unit_without_a_json_object_is_refused(raw, status, people, api_for):
    before = _unit_names()
    response = api_for(people.admin).post("/units", raw=raw)
    assert response.status_code == status
    assert response.json()["detail"]
    assert _unit_names() == before


@pytest.mark.parametrize("name", ["Riverside night team", "RIVERSIDE NIGHT TEAM", "  Riverside night team  "])
def test_a_new_unit_named_like_a_sibling_gets_422_with_the_reason(name, people, tree, api_for):
    response = api_for(people.admin).post("/units", {"parent_id": tree.service.pk, **NEW_TEAM, "name": name})
    assert response.status_code == 422
    reason = f"Riverside hostel already has a unit called “{name.strip()}”."
    assert response.json() == {
        "detail": reason,
        "errors": [{"loc": ["body", "name"], "msg": reason, "type": "value_error"}],
    }
    assert Unit.objects.filter(parent=tree.service).count() == 1


def test_an_admin_renames_a_unit_and_keeps_what_was_not_sent(people, tree, api_for):
    response = api_for(people.admin).patch(f"/units/{tree.team.pk}", {"name": "Late team"})
    assert response.status_code == 200
    assert response.json()["name"] == "Late team"
    assert response.json()["kind"] == "team"
    assert response.json()["service_type"] == "hostel"
    tree.team.refresh_from_db()
    assert tree.team.name == "Late team"
    assert tree.team.client_group == "homelessness"


def test_a_pie_lead_changes_what_a_unit_is(people, tree, api_for):
    response = api_for(people.lead).patch(
        f"/units/{tree.service.pk}", {"client_group": "mental_health", "service_type": "day_centre"}
    )
    assert response.status_code == 200
    assert (response.json()["client_group"], response.json()["service_type"]) == ("mental_health", "day_centre")


def test_the_top_unit_stays_the_whole_organisation(people, tree, api_for):
    response = api_for(people.admin).patch(f"/units/{tree.root.pk}", {"kind": "region"})
    assert response.status_code == 200
    assert response.json()["kind"] == "organisation"


def test_renaming_a_unit_to_a_siblings_name_gets_422_with_the_reason(people, tree, api_for):
    client = api_for(people.admin)
    client.post("/units", {"parent_id": tree.service.pk, **NEW_TEAM})
    response = client.patch(f"/units/{tree.team.pk}", {"name": "day team"})
    assert response.status_code == 422
    assert response.json()["detail"] == "Riverside hostel already has a unit called “day team”."
    tree.team.refresh_from_db()
    assert tree.team.name == "Riverside night team"


@pytest.mark.parametrize("who", ["manager", "staff", "reader"])
def test_a_member_without_the_role_cannot_change_a_unit(who, people, tree, api_for):
    response = api_for(getattr(people, who)).patch(f"/units/{tree.team.pk}", {"name": "Renamed"})
    assert response.status_code == 403
    assert response.json()["detail"] == "You cannot do this here (unit.change)."
    tree.team.refresh_from_db()
    assert tree.team.name == "Riverside night team"


def test_an_outsider_cannot_change_a_unit_of_another_organisation(people, tree, api_for):
    response = api_for(people.outsider).patch(f"/units/{tree.team.pk}", {"name": "Renamed"})
    assert response.status_code == 404
    tree.team.refresh_from_db()
    assert tree.team.name == "Riverside night team"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Late\x00team"}, "name"),
        ({"name": ""}, "name"),
        ({"kind": "organisation"}, "kind"),
        ({"client_group": "all"}, "client_group"),
        ({"service_type": 3}, "service_type"),
    ],
)
def test_a_bad_unit_change_gets_422_and_changes_nothing(change, field, people, tree, api_for):
    response = api_for(people.admin).patch(f"/units/{tree.team.pk}", change)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]
    unchanged = Unit.objects.get(pk=tree.team.pk)
    assert (unchanged.name, unchanged.kind, unchanged.client_group, unchanged.service_type) == (
        "Riverside night team",
        "team",
        "homelessness",
        "hostel",
    )


def test_a_unit_change_that_is_not_json_gets_400(people, tree, api_for):
    response = api_for(people.admin).patch(f"/units/{tree.team.pk}", raw=json.dumps({"name": "Late"})[:-1])
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}
