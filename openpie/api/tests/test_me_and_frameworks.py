"""API: who am I, and the frameworks a person can see."""

from __future__ import annotations

from pathlib import Path

import pytest

from openpie.frameworks.services import framework_import

OWN_FRAMEWORK = Path(__file__).resolve().parents[2] / "frameworks" / "tests" / "data" / "service-compass.yaml"


@pytest.fixture
def riverside_framework(tree):
    """A draft framework of Riverside's own."""
    return framework_import(text=OWN_FRAMEWORK.read_text(), owner=tree.organisation, publish=False)


def test_me_names_the_person_and_where_they_belong(people, tree, api_for):
    response = api_for(people.manager).get("/me")
    assert response.status_code == 200
    assert response.json() == {
        "id": people.manager.pk,
        "email": "manager@riverside.example",
        "full_name": people.manager.full_name,
        "memberships": [{"unit_id": tree.locality.pk, "organisation_id": tree.organisation.pk, "role": "manager"}],
    }


def test_me_shows_the_outsider_only_their_own_organisation(people, other_tree, api_for):
    memberships = api_for(people.outsider).get("/me").json()["memberships"]
    assert memberships == [
        {"unit_id": other_tree.root.pk, "organisation_id": other_tree.organisation.pk, "role": "org_admin"}
    ]


def test_everyone_sees_the_shared_framework_and_members_their_own(people, framework, riverside_framework, api_for):
    mine = api_for(people.reader).get("/frameworks").json()["items"]
    theirs = api_for(people.outsider).get("/frameworks").json()["items"]
    assert {(f["key"], f["status"], f["owner_id"]) for f in mine} == {
        ("pies-2", "published", None),
        ("service-compass", "draft", riverside_framework.owner_id),
    }
    assert [f["key"] for f in theirs] == ["pies-2"]


def test_a_framework_comes_with_its_scale_themes_elements_and_barrier_kinds(people, framework, api_for):
    response = api_for(people.staff).get(f"/frameworks/{framework.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["key"], body["version"], body["name"]) == ("pies-2", "2.0", "PIEs 2.0")
    assert body["scale"] == {
        "levels": ["Poor?", "Basic", "Progressing", "Advanced"],
        "positions_per_level": 5,
        "paper_positions_per_level": 3,
        "position_count": 20,
    }
    assert [t["name"] for t in body["themes"]] == [
        "Psychological awareness",
        "Staff training and support",
        "Learning and enquiry",
        "Spaces of opportunity",
        "The Three Rs",
    ]
    assert [len(t["elements"]) for t in body["themes"]] == [3, 2, 4, 3, 3]
    assert [e["name"] for e in body["themes"][1]["elements"]] == ["Staff training", "Staff support"]
    assert all(e["easy_read"] for t in body["themes"] for e in t["elements"])
    assert "move-on-accommodation" in [b["key"] for b in body["barrier_kinds"]]


def test_an_outsider_gets_404_for_another_organisations_framework(people, riverside_framework, api_for):
    client = api_for(people.outsider)
    response = client.get(f"/frameworks/{riverside_framework.pk}")
    assert response.status_code == 404
    assert "Compass" not in response.content.decode()
    assert response.json() == client.get("/frameworks/987654321").json()


def test_a_member_reads_their_organisations_draft_framework(people, riverside_framework, api_for):
    response = api_for(people.reader).get(f"/frameworks/{riverside_framework.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.json()["scale"]["position_count"] == 12


def test_a_framework_id_that_is_not_a_number_gets_422(people, api_for):
    response = api_for(people.staff).get("/frameworks/pies-2")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["path", "framework_id"]
