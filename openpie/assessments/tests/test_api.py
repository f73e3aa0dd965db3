"""API for rounds: the standard cases for every operation.

Rounds, their states and the next round are in ``test_api_rounds.py``; beads in
``test_api_placements.py``; evidence, factors and actions in ``test_api_stages.py``.
"""

from __future__ import annotations

import pytest

from openpie.accounts.services import api_token_create
from openpie.api.api import api
from openpie.api.tests.conftest import ApiClient
from openpie.assessments import services
from openpie.assessments.models import Action, Evidence, Factor, Placement, Round
from openpie.assessments.tests.api_operations import ROUND_OPERATIONS, RoundOperation
from openpie.organisations.permissions import roles_allowed

WRITES = [op for op in ROUND_OPERATIONS if op.is_write]
READS = [op for op in ROUND_OPERATIONS if not op.is_write]
WITH_IDS = [op for op in ROUND_OPERATIONS if "{" in op.path]


def _recorded() -> dict[str, object]:
    """Everything a write could change."""
    return {
        "rounds": sorted(Round.objects.values_list("pk", "state", "title")),
        "placements": sorted(Placement.objects.values_list("pk", "position", "target", "version")),
        "evidence": sorted(Evidence.objects.values_list("pk", "text", "version")),
        "factors": sorted(Factor.objects.values_list("pk", "text", "version")),
        "actions": sorted(Action.objects.values_list("pk", "what", "status", "version")),
    }


# The standard cases, for every operation --------------------------------------------------------


@pytest.mark.parametrize("operation", ROUND_OPERATIONS, ids=str)
def test_every_operation_declares_the_errors_it_can_answer_with(operation: RoundOperation):
    declared = set(api.get_openapi_schema()["paths"][operation.schema_path][operation.method.lower()]["responses"])
    expected = {operation.success, 401, 422}
    if "{" in operation.path:
        expected.add(404)
    if operation.is_write:
        expected |= {400, 403, 404}
    if operation.method in {"PUT", "PATCH"}:
        expected.add(409)
    assert expected <= declared


def test_every_operation_is_tagged_rounds():
    schema = api.get_openapi_schema()
    for operation in ROUND_OPERATIONS:
        assert schema["paths"][operation.schema_path][operation.method.lower()]["tags"] == ["Rounds"]


@pytest.mark.parametrize("operation", ROUND_OPERATIONS, ids=str)
@pytest.mark.parametrize("who", ["admin", "staff"])
def test_every_operation_works_for_those_who_run_the_round(operation, who, world, ids, api_for):
    response = operation.send(api_for(getattr(world.people, who)), ids)
    assert response.status_code == operation.success, response.content
    if operation.success != 204:
        assert response["Content-Type"].startswith("application/json")
    else:
        assert response.content == b""


@pytest.mark.parametrize("operation", READS, ids=str)
@pytest.mark.parametrize("who", ["manager", "reader"])
def test_a_read_only_member_or_manager_reads(operation, who, world, ids, api_for):
    response = operation.send(api_for(getattr(world.people, who)), ids)
    assert response.status_code == 200


@pytest.mark.parametrize("operation", WRITES, ids=str)
@pytest.mark.parametrize("who", ["manager", "reader"])
def test_a_member_whose_role_does_not_allow_the_write_gets_403(operation, who, world, ids, api_for):
    assert {"manager", "read_only"}.isdisjoint(roles_allowed(operation.role_action))
    before = _recorded()
    response = operation.send(api_for(getattr(world.people, who)), ids)
    assert response.status_code == 403
    assert response.json() == {"detail": f"You cannot do this here ({operation.role_action})."}
    assert _recorded() == before


@pytest.mark.parametrize("operation", WITH_IDS, ids=str)
def test_an_outsider_gets_404_and_learns_nothing(operation, world, ids, api_for):
    before = _recorded()
    response = operation.send(api_for(world.people.outsider), ids)
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()
    assert _recorded() == before


def test_an_outsiders_own_actions_do_not_include_another_organisations(world, api_for):
    services.action_add(round_=world.round.round, by=world.people.staff, what="Mine", owner=world.people.staff)
    response = api_for(world.people.outsider).get("/me/actions")
    assert response.json() == {"count": 0, "items": []}


@pytest.mark.parametrize("operation", ROUND_OPERATIONS, ids=str)
@pytest.mark.parametrize("credentials", ["none", "wrong-secret"])
def test_every_operation_refuses_a_missing_or_bad_token_with_401(operation, credentials, world, ids):
    _, value = api_token_create(user=world.people.admin, name="Tests")
    presented = None if credentials == "none" else value[:-4] + "abcd"
    before = _recorded()
    response = operation.send(ApiClient(presented), ids)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required: send a valid API token."}
    assert _recorded() == before


ALLOWED: dict[str, set[str]] = {}
for _op in ROUND_OPERATIONS:
    ALLOWED.setdefault(_op.path.split("?")[0], set()).add(_op.method)


@pytest.mark.parametrize(("path", "allowed"), sorted(ALLOWED.items()))
def test_a_method_an_operation_does_not_have_gets_405(path, allowed, world, ids, api_for):
    client = api_for(world.people.admin)
    before = _recorded()
    for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - allowed:
        response = client.request(method, path.format(**ids), {"text": "x", "version": 1})
        assert response.status_code == 405, method
        assert {m.strip() for m in response["Allow"].split(",")} == allowed
    assert _recorded() == before


@pytest.mark.parametrize("path", ["/rounds/{id}", "/rounds/{id}/evidence", "/me/actions?limit={id}"])
@pytest.mark.parametrize(
    ("value", "status"), [("round", 422), ("1.5", 422), ("true", 422), ("99999999999999999999", 404)]
)
def test_an_id_that_is_not_a_usable_number_is_refused_not_a_server_error(path, value, status, world, api_for):
    response = api_for(world.people.admin).get(path.format(id=value))
    expected = 422 if path.startswith("/me") else status
    assert response.status_code == expected
    assert response.json()["detail"]
