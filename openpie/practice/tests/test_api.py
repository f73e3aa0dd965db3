"""The practice library API: the standard cases for each operation, moderation and declared errors."""

from __future__ import annotations

import pytest

from openpie.api.api import api
from openpie.practice.models import PracticeExample
from openpie.practice.tests.api_operations import PRACTICE_OPERATIONS
from openpie.practice.tests.factories import make_example

pytestmark = pytest.mark.django_db
Status = PracticeExample.Status


def _body(tree, framework, **changes):
    body = {
        "unit_id": tree.service.pk,
        "framework_id": framework.pk,
        "element_keys": ["staff-support", "roles"],
        "title": "Supervision that helps",
        "story": "Monthly reflective supervision.",
        "what_changed": "Staff stay longer.",
        "visibility": "everyone",
        "anonymous": True,
    }
    return {**body, **changes}


@pytest.mark.parametrize(("method", "path"), PRACTICE_OPERATIONS)
def test_every_operation_declares_its_errors(method, path):
    declared = set(api.get_openapi_schema()["paths"][path][method.lower()]["responses"])
    assert {401, 404, 422} <= declared
    if method != "GET":
        assert {400, 403} <= declared


def test_every_operation_is_tagged_practice_library():
    paths = api.get_openapi_schema()["paths"]
    for method, path in PRACTICE_OPERATIONS:
        assert paths[path][method.lower()]["tags"] == ["Practice library"]


def test_share_submit_publish_through_the_api(people, tree, framework, api_for):
    staff = api_for(people.staff)
    created = staff.post("/practice/examples", _body(tree, framework))
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["status"] == "draft"
    assert [e["key"] for e in item["elements"]] == ["staff-support", "roles"]
    example_id = item["id"]
    assert staff.post(f"/practice/examples/{example_id}/submit").json()["status"] == "submitted"
    lead = api_for(people.lead)
    published = lead.post(f"/practice/examples/{example_id}/moderation", {"decision": "publish"})
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    listed = api_for(people.outsider).get("/practice/examples?element=staff-training-and-support")
    assert listed.json()["count"] == 1
    assert listed.json()["items"][0]["organisation_name"] is None


def test_return_needs_a_note(people, tree, framework, api_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    lead = api_for(people.lead)
    refused = lead.post(f"/practice/examples/{example.pk}/moderation", {"decision": "return"})
    assert refused.status_code == 422
    assert "what to change" in refused.json()["detail"]
    returned = lead.post(f"/practice/examples/{example.pk}/moderation", {"decision": "return", "note": "More detail"})
    assert returned.json()["status"] == "returned"
    assert returned.json()["moderator_note"] == "More detail"


def test_only_moderators_moderate(people, tree, framework, api_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    assert (
        api_for(people.staff).post(f"/practice/examples/{example.pk}/moderation", {"decision": "publish"}).status_code
        == 403
    )
    assert (
        api_for(people.outsider)
        .post(f"/practice/examples/{example.pk}/moderation", {"decision": "publish"})
        .status_code
        == 404
    )
    assert PracticeExample.objects.get(pk=example.pk).status == Status.SUBMITTED


def test_update_own_draft_and_not_someone_else_s(people, tree, framework, api_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT)
    changed = api_for(people.staff).request(
        "PUT", f"/practice/examples/{example.pk}", _body(tree, framework, title="New")
    )
    assert changed.status_code == 200
    assert changed.json()["title"] == "New"
    assert (
        api_for(people.lead).request("PUT", f"/practice/examples/{example.pk}", _body(tree, framework)).status_code
        == 404
    )
    published = make_example(author=people.staff, unit=tree.service, framework=framework)
    assert (
        api_for(people.lead).request("PUT", f"/practice/examples/{published.pk}", _body(tree, framework)).status_code
        == 403
    )


def test_withdraw(people, tree, framework, api_for):
    example = make_example(author=people.staff, unit=tree.service, framework=framework)
    assert api_for(people.staff).post(f"/practice/examples/{example.pk}/withdraw").json()["status"] == "withdrawn"
    assert api_for(people.outsider).get(f"/practice/examples/{example.pk}").status_code == 404


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"title": "a\x00b"}, "title"),
        ({"element_keys": []}, "element_keys"),
        ({"element_keys": ["no-such-element"]}, "element_keys"),
        ({"unit_id": True}, "unit_id"),
        ({"visibility": "planet"}, "visibility"),
        ({"title": ""}, "title"),
    ],
)
def test_invalid_input_is_a_422_and_saves_nothing(people, tree, framework, api_for, changes, where):
    response = api_for(people.staff).post("/practice/examples", _body(tree, framework, **changes))
    assert response.status_code == 422, response.content
    assert where in str(response.json()["errors"])
    assert not PracticeExample.objects.exists()


def test_a_read_only_member_cannot_share(people, tree, framework, api_for):
    assert api_for(people.reader).post("/practice/examples", _body(tree, framework)).status_code == 403


def test_another_organisation_s_unit_is_a_404(people, other_tree, framework, api_for):
    assert api_for(people.staff).post("/practice/examples", _body(other_tree, framework)).status_code == 404


def test_wrong_method_and_no_token(api_for, people):
    from openpie.api.tests.conftest import ApiClient

    assert api_for(people.staff).request("DELETE", "/practice/examples").status_code == 405
    assert ApiClient().get("/practice/examples").status_code == 401


def test_the_list_takes_the_same_queries_however_many(people, tree, framework, api_for, django_assert_max_num_queries):
    client = api_for(people.outsider)
    make_example(author=people.staff, unit=tree.service, framework=framework)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get("/practice/examples")
    for n in range(6):
        make_example(author=people.staff, unit=tree.service, framework=framework, title=f"E{n}")
    with django_assert_max_num_queries(len(first)):
        assert client.get("/practice/examples").json()["count"] == 7
