import pytest

from openpie.api.tests.conftest import API, ApiClient
from openpie.barriers.models import BarrierResponse, Notification
from openpie.barriers.selectors import TEXT_NOT_SHARED
from openpie.barriers.tests.api_operations import BARRIER_OPERATIONS, BarrierOperation
from openpie.barriers.tests.factories import add_barrier, kinds
from openpie.organisations.permissions import roles_allowed
from openpie.sharing.tests.factories import make_grant

pytestmark = pytest.mark.django_db


def _url(operation: BarrierOperation, world) -> str:
    return operation.url(factor=world.round.barrier.pk, kind=world.round.barrier.barrier_kind_id)


def _send(client: ApiClient, operation: BarrierOperation, world):
    path = _url(operation, world)[len(API) :]
    return client.request(operation.method, path, operation.body)


@pytest.mark.parametrize("operation", BARRIER_OPERATIONS, ids=str)
def test_every_operation_works_for_an_organisation_admin(operation, world, people, api_for):
    response = _send(api_for(people.admin), operation, world)
    assert response.status_code == operation.success, response.content


@pytest.mark.parametrize("operation", BARRIER_OPERATIONS, ids=str)
def test_every_operation_needs_a_token(operation, world):
    assert _send(ApiClient(None), operation, world).status_code == 401


@pytest.mark.parametrize("operation", [op for op in BARRIER_OPERATIONS if "{factor}" in op.path], ids=str)
def test_an_outsider_gets_404_for_a_barrier(operation, world, people, api_for):
    assert _send(api_for(people.outsider), operation, world).status_code == 404


@pytest.mark.parametrize("persona", ["admin", "lead", "manager", "staff", "reader"])
def test_responding_follows_the_permission_table(persona, world, people, api_for):
    operation = BARRIER_OPERATIONS[-1]
    role = {"admin": "org_admin", "lead": "pie_lead", "manager": "manager", "staff": "staff", "reader": "read_only"}
    expected = 201 if role[persona] in roles_allowed("barrier.respond") else 403
    assert _send(api_for(getattr(people, persona)), operation, world).status_code == expected


def test_the_register_counts_the_barrier_and_its_response(world, people, api_for):
    client = api_for(people.manager)
    client.post(f"/barriers/{world.round.barrier.pk}/responses", {"status": "noted", "text": "Seen"})

    body = client.get("/barriers/register").json()

    assert body["barriers"] == 1
    assert body["unanswered"] == 0
    assert body["kinds"][0]["kind_id"] == world.round.barrier.barrier_kind_id
    assert body["kinds"][0]["services"] == 1
    assert len(body["kinds"][0]["trend"]) == len(body["quarters"]) == 8
    assert Notification.objects.filter(recipient=people.staff).exists()
    listed = client.get(f"/barriers/{world.round.barrier.pk}/responses").json()
    assert listed["items"][0]["text"] == "Seen"


def test_the_register_filters_by_service_type_and_refuses_an_unknown_area(world, people, api_for):
    client = api_for(people.admin)
    assert client.get("/barriers/register?service_type=outreach").json()["barriers"] == 0
    assert client.get("/barriers/register?service_type=nonsense").status_code == 422
    assert client.get("/barriers/register?locality_id=999999").status_code == 404
    assert client.get(f"/barriers/register?locality_id={world.tree.locality.pk}").json()["barriers"] == 1


def test_a_kind_lists_barriers_with_text_only_when_shared(world, people, other_tree, api_for, framework):
    add_barrier(world.round.round, world.round.barrier.barrier_kind, text="Say it out loud", shareable=True)
    make_grant(unit=world.tree.root, grantee=other_tree.organisation, scope="barriers")

    items = api_for(people.outsider).get(f"/barriers/kinds/{world.round.barrier.barrier_kind_id}").json()["items"]

    assert sorted(i["text"] for i in items) == sorted([TEXT_NOT_SHARED, "Say it out loud"])
    assert all(i["text_shared"] == (i["text"] != TEXT_NOT_SHARED) for i in items)
    assert kinds(framework)


def test_an_unknown_kind_is_404(world, people, api_for):
    assert api_for(people.admin).get("/barriers/kinds/999999").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"status": "maybe", "text": "x"},
        {"status": "noted", "text": "a\x00b"},
        {"status": "noted", "text": "   "},
        {"status": "noted", "text": "x" * 4001},
        {"status": "noted", "text": True},
        {"status": "noted"},
        [],
    ],
)
def test_invalid_responses_are_422(body, world, people, api_for):
    response = api_for(people.manager).post(f"/barriers/{world.round.barrier.pk}/responses", body)
    assert response.status_code == 422, response.content
    assert not BarrierResponse.objects.exists()


def test_a_helping_factor_has_no_responses(world, people, api_for):
    assert api_for(people.admin).get(f"/barriers/{world.round.factor.pk}/responses").status_code == 404


@pytest.mark.parametrize(("since", "status"), [("0", 422), ("2026-13-01", 422), ("2000-01-01", 200)])
def test_since_takes_only_a_real_date(since, status, world, people, api_for):
    assert api_for(people.admin).get(f"/barriers/register?since={since}").status_code == status
