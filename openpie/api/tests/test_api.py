"""What every operation of the API shares: authentication, methods, sessions, tokens and query counts."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from openpie.accounts.models import ApiToken
from openpie.accounts.services import api_token_create, api_token_revoke
from openpie.accounts.tests.helpers import finish_second_step
from openpie.api.api import api
from openpie.api.tests.conftest import API, OPERATIONS, ApiClient, Operation
from openpie.assessments.tests.api_operations import ROUND_OPERATIONS, VOICE_OPERATIONS
from openpie.audit.tests.api_operations import AUDIT_OPERATIONS
from openpie.barriers.tests.api_operations import BARRIER_OPERATIONS
from openpie.exports.tests.api_operations import EXPORT_OPERATIONS
from openpie.insights.tests.api_operations import INSIGHT_OPERATIONS
from openpie.organisations import services
from openpie.organisations.models import Organisation, Unit
from openpie.practice.tests.api_operations import PRACTICE_OPERATIONS
from openpie.relationships.tests.api_operations import RELATIONSHIP_OPERATIONS
from openpie.reviews.tests.api_operations import REVIEW_OPERATIONS
from openpie.sharing.tests.api_operations import SHARING_OPERATIONS


def _names(tree) -> tuple[str, list[str]]:
    """What a write in OPERATIONS could change: the organisation's name and the unit names."""
    organisation = Organisation.objects.get(pk=tree.organisation.pk)
    return organisation.name, sorted(Unit.objects.values_list("name", flat=True))


def test_the_standard_cases_cover_every_operation_in_the_schema():
    schema = api.get_openapi_schema()
    declared = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    covered = {(op.method, op.schema_path) for op in OPERATIONS}
    covered |= {
        (op.method, op.schema_path) for op in ROUND_OPERATIONS + VOICE_OPERATIONS + INSIGHT_OPERATIONS
    }  # tested in assessments, insights
    covered |= {(op.method, op.schema_path) for op in SHARING_OPERATIONS}  # tested in sharing
    covered |= {(op.method, op.schema_path) for op in BARRIER_OPERATIONS}  # tested in barriers
    covered |= {(op.method, op.schema_path) for op in EXPORT_OPERATIONS}  # tested in exports
    covered |= {(op.method, op.schema_path) for op in REVIEW_OPERATIONS}  # tested in reviews
    covered |= set(PRACTICE_OPERATIONS) | set(RELATIONSHIP_OPERATIONS)  # tested in practice, relationships
    covered |= {(op.method, op.schema_path) for op in AUDIT_OPERATIONS}  # tested in audit
    assert covered == declared


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_every_operation_declares_the_errors_it_can_answer_with(operation: Operation):
    """Clients generated from the schema rely on these; the schemathesis run checks the bodies match."""
    path = operation.schema_path
    declared = set(api.get_openapi_schema()["paths"][path][operation.method.lower()]["responses"])
    expected = {401}
    if "{" in path or "?" in operation.path:
        expected |= {404, 422}
    if operation.method != "GET":
        expected |= {400, 403, 404, 422}
    assert expected <= declared


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_every_operation_works_for_an_organisation_admin(operation: Operation, people, tree, framework, api_for):
    response = operation.send(api_for(people.admin), tree, framework)
    assert response.status_code == (201 if operation.method == "POST" else 200), response.content
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
@pytest.mark.parametrize("credentials", ["none", "not-a-token", "wrong-secret", "revoked", "deactivated"])
def test_every_operation_refuses_a_missing_or_bad_token_with_401(
    operation: Operation, credentials: str, people, tree, framework
):
    token, value = api_token_create(user=people.admin, name="Tests")
    if credentials == "revoked":
        api_token_revoke(token=token)
    elif credentials == "deactivated":
        people.admin.is_active = False
        people.admin.save()
    presented = {
        "none": None,
        "not-a-token": "let-me-in",
        "wrong-secret": value[:-4] + "abcd",
        "revoked": value,
        "deactivated": value,
    }[credentials]
    before = _names(tree)

    response = operation.send(ApiClient(presented), tree, framework)

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required: send a valid API token."}
    assert _names(tree) == before


def test_a_token_containing_a_nul_character_is_refused_not_a_server_error(people, tree, framework):
    _, value = api_token_create(user=people.admin, name="Tests")
    prefix, key, secret = value.split("_", 2)
    response = ApiClient(f"{prefix}_{key}\x00_{secret}").get("/me")
    assert response.status_code == 401


def test_a_working_token_records_when_it_was_last_used(people, api_for):
    client = api_for(people.staff)
    assert ApiToken.objects.get(user=people.staff).last_used_at is None
    client.get("/me")
    assert ApiToken.objects.get(user=people.staff).last_used_at is not None


@pytest.mark.parametrize(
    ("path", "allowed", "refused"),
    [
        ("/me", {"GET"}, ["POST", "PUT", "PATCH", "DELETE"]),
        ("/frameworks", {"GET"}, ["POST", "DELETE"]),
        ("/frameworks/{framework}", {"GET"}, ["PUT", "PATCH", "DELETE"]),
        ("/organisations", {"GET"}, ["POST", "DELETE"]),
        ("/organisations/{organisation}", {"GET", "PATCH"}, ["POST", "PUT", "DELETE"]),
        ("/organisations/{organisation}/units", {"GET"}, ["POST", "PATCH", "DELETE"]),
        ("/units", {"POST"}, ["GET", "PATCH", "DELETE"]),
        ("/units/{unit}", {"GET", "PATCH"}, ["POST", "PUT", "DELETE"]),
    ],
)
def test_a_method_an_operation_does_not_have_gets_405_and_the_allowed_methods(
    path, allowed, refused, people, tree, framework, api_for
):
    client = api_for(people.admin)
    url = Operation("GET", path).url(tree, framework)
    before = _names(tree)
    for method in refused:
        response = client.request(method, url, {"name": "Renamed"})
        assert response.status_code == 405, method
        assert {m.strip() for m in response["Allow"].split(",")} == allowed
    assert _names(tree) == before
    assert Unit.objects.filter(pk=tree.team.pk).exists()


def test_a_signed_in_browser_session_can_read(people, tree, client_for):
    client = client_for(people.manager)
    response = client.get(f"{API}/organisations/{tree.organisation.pk}/units")
    assert response.status_code == 200
    assert [u["name"] for u in response.json()["items"]] == [u.name for u in (tree.locality, tree.service, tree.team)]


def test_a_browser_session_write_without_a_csrf_token_is_refused(people, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.admin)
    finish_second_step(client, people.admin)
    response = client.patch(f"{API}/units/{tree.team.pk}", {"name": "Forged"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    tree.team.refresh_from_db()
    assert tree.team.name == "Riverside night team"


def test_a_browser_session_write_with_the_csrf_token_works(people, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.admin)
    finish_second_step(client, people.admin)
    client.get("/")  # the page sets the CSRF cookie, as a browser would receive it
    csrf = client.cookies["csrftoken"].value
    response = client.patch(
        f"{API}/units/{tree.team.pk}", {"name": "Late team"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Late team"


def test_create_api_token_prints_a_token_that_works(people):
    out = io.StringIO()
    call_command("create_api_token", people.reader.email.upper(), "--name", "Nightly export", stdout=out)
    assert len(out.getvalue().splitlines()) == 1
    value = out.getvalue().strip()
    assert value.startswith("opie_")
    assert ApiToken.objects.get(user=people.reader).name == "Nightly export"
    response = ApiClient(value).get("/me")
    assert response.status_code == 200
    assert response.json()["email"] == people.reader.email


def test_create_api_token_for_an_unknown_email_fails_clearly(db):
    with pytest.raises(CommandError, match=r"No person with the email address nobody@example\.org\."):
        call_command("create_api_token", "nobody@example.org", stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def _add_units(tree, count: int) -> None:
    start = Unit.objects.filter(parent=tree.service).count()
    for n in range(start, start + count):
        services.unit_create(
            parent=tree.service, name=f"Team {n}", kind="team", client_group="mixed", service_type="none"
        )


# Each read with its query ceiling: two for the token (find it, note its use), one for memberships, then its own.
LIST_READS = [
    ("/me", 3),
    ("/frameworks", 4),
    ("/organisations", 5),
    ("/organisations/{organisation}/units?limit=500", 6),
    ("/organisations/{organisation}/units?limit=20&offset=10", 6),
]


@pytest.mark.parametrize(("path", "ceiling"), LIST_READS)
def test_list_query_counts_do_not_grow_with_the_number_of_units(
    path, ceiling, people, tree, framework, token_for, django_assert_max_num_queries
):
    url = API + Operation("GET", path).url(tree, framework)
    client = Client(headers={"Authorization": f"Bearer {token_for(people.admin)}"})
    _add_units(tree, 5)
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200
    _add_units(tree, 45)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200
    if "units" in path:
        assert response.json()["count"] == 4 + 5 + 45
