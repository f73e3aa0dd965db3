"""API for many voices: the standard cases for every operation, then own beads, the overlay, the agreed
position and setting a contribution aside. Small groups must leave no trace in any answer."""

from __future__ import annotations

import pytest

from openpie.accounts.services import api_token_create
from openpie.accounts.tests.factories import UserFactory
from openpie.api.api import api
from openpie.api.tests.conftest import ApiClient
from openpie.assessments import services
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.services.contributions import session_start
from openpie.assessments.tests.api_operations import (
    PERSONAS,
    VOICE_OPERATIONS,
    Voice,
    VoiceOperation,
    add_voices,
    client_for_token,
    voice_ids,
)
from openpie.assessments.tests.factories import make_round_world
from openpie.audit.models import AuditEvent
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant

STAFF = Contribution.Kind.INDIVIDUAL
USER = Contribution.Kind.SERVICE_USER


@pytest.fixture
def api_for(db):
    return client_for_token


@pytest.fixture
def ids(world):
    return voice_ids(world)


def _recorded() -> dict[str, object]:
    """Everything a many-voices write could change."""
    return {
        "contributions": sorted(Contribution.objects.values_list("pk", "kind", "state", "void_reason")),
        "placements": sorted(Placement.objects.values_list("pk", "position", "version", "agreed_from")),
        "audit": AuditEvent.objects.filter(action="contribution.void").count(),
    }


def _everyone(round_: Round, *, staff: int = 0, users: int = 0, position: int = 10, **voice: object) -> None:
    """``staff`` staff members and ``users`` service users, each with a bead on every thread."""
    threads = list(round_.threads.values_list("pk", flat=True))
    voices = [Voice(STAFF, dict.fromkeys(threads, position))] * staff
    voices += [Voice(USER, dict.fromkeys(threads, position), **voice)] * users  # type: ignore[arg-type]
    add_voices(round_, voices)


# The standard cases, for every operation --------------------------------------------------------


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
def test_every_operation_declares_the_errors_it_can_answer_with(operation: VoiceOperation):
    declared = set(api.get_openapi_schema()["paths"][operation.schema_path][operation.method.lower()]["responses"])
    expected = {200, 401, 404, 422} | {code for _, code in operation.expected}
    if operation.is_write:
        expected |= {400, 403}
    if operation.method == "PUT" or operation.path.endswith("/consensus"):
        expected.add(409)
    assert expected <= declared


def test_every_operation_is_tagged_many_voices_and_none_is_public():
    schema = api.get_openapi_schema()
    voice_paths = {(op.method.lower(), op.schema_path) for op in VOICE_OPERATIONS}
    tagged = {
        (method, path)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "Many voices" in operation["tags"]
    }
    assert tagged == voice_paths
    for method, path in voice_paths:
        assert schema["paths"][path][method]["tags"] == ["Many voices"]
        assert schema["paths"][path][method]["security"]


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_operation_answers_each_persona_as_the_permission_table_says(operation, persona, world, ids, api_for):
    expected = operation.status_for(persona)
    before = _recorded()
    response = operation.send(api_for(getattr(world.people, persona)), ids)
    assert response.status_code == expected, response.content
    assert response["Content-Type"].startswith("application/json")
    if expected == 403:
        assert _recorded() == before
        assert response.json()["detail"] in {
            f"You cannot do this here ({operation.role_action}).",
            "The overlay is not shown yet.",
        }


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
def test_an_outsider_gets_404_and_learns_nothing(operation, world, ids, api_for):
    before = _recorded()
    response = operation.send(api_for(world.people.outsider), ids)
    assert response.status_code == 404
    assert "Riverside" not in response.content.decode()
    assert _recorded() == before


@pytest.mark.parametrize("operation", VOICE_OPERATIONS, ids=str)
@pytest.mark.parametrize("credentials", ["none", "wrong-secret"])
def test_every_operation_refuses_a_missing_or_bad_token_with_401(operation, credentials, world, ids):
    _, value = api_token_create(user=world.people.admin, name="Tests")
    presented = None if credentials == "none" else value[:-4] + "abcd"
    before = _recorded()
    response = operation.send(ApiClient(presented), ids)
    assert response.status_code == 401
    assert _recorded() == before


ALLOWED: dict[str, set[str]] = {}
for _op in VOICE_OPERATIONS:
    ALLOWED.setdefault(_op.path.split("?")[0], set()).add(_op.method)


@pytest.mark.parametrize(("path", "allowed"), sorted(ALLOWED.items()))
def test_a_method_an_operation_does_not_have_gets_405(path, allowed, world, ids, api_for):
    client = api_for(world.people.admin)
    before = _recorded()
    for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - allowed:
        response = client.request(method, path.format(**ids), {"reason": "x", "position": 3, "version": 0})
        assert response.status_code == 405, method
    assert _recorded() == before


# Who has contributed ----------------------------------------------------------------------------


def test_the_list_names_staff_but_never_service_users_and_never_shows_beads(world, ids, api_for):
    round_ = world.round.round
    _everyone(round_, staff=3, users=6, position=17, via="proxy")  # 3 + the admin's and the staff member's own
    body = api_for(world.people.reader).get(f"/rounds/{round_.pk}/contributions").json()

    assert body["threshold"] == 5
    assert body["team"]["state"] == "submitted"
    assert body["staff"]["shown"] is True
    assert body["staff"]["count"] == 5
    named = {i["author_id"]: i["name"] for i in body["staff"]["items"] if i["author_id"]}
    assert set(named) == {world.people.admin.pk, world.people.staff.pk}
    users = body["service_users"]
    assert (users["shown"], users["count"]) == (True, 7)  # the one made by voice_ids, and six more
    assert {frozenset(i) for i in users["items"]} == {frozenset({"id", "state", "created_on", "submitted_on"})}
    assert {frozenset(i) for i in body["staff"]["items"]} == {
        frozenset({"id", "state", "author_id", "name", "beads_placed", "created_at", "submitted_at"})
    }
    assert "proxy" not in str(body)


def test_a_group_below_the_threshold_is_listed_exactly_as_an_empty_one(world, api_for):
    round_ = world.round.round
    client = api_for(world.people.admin)
    empty = client.get(f"/rounds/{round_.pk}/contributions").json()
    _everyone(round_, staff=4, users=4)
    few = client.get(f"/rounds/{round_.pk}/contributions").json()
    assert few == empty
    assert few["staff"] == few["service_users"] == {"shown": False, "count": None, "items": []}


def test_service_users_who_withdrew_are_not_counted_in_the_list(world, api_for):
    round_ = world.round.round
    _everyone(round_, users=4)
    _everyone(round_, users=1, state=Contribution.State.WITHDRAWN)
    body = api_for(world.people.admin).get(f"/rounds/{round_.pk}/contributions").json()
    assert body["service_users"]["shown"] is False


# Your own beads ---------------------------------------------------------------------------------


def test_a_member_starts_their_own_beads_once_and_places_them(world, api_for):
    round_ = world.round.round
    Round.objects.filter(pk=round_.pk).update(invites_individuals=True)
    client = api_for(world.people.staff)
    assert client.get(f"/rounds/{round_.pk}/contributions/mine").status_code == 404

    first = client.post(f"/rounds/{round_.pk}/contributions/mine")
    again = client.post(f"/rounds/{round_.pk}/contributions/mine")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["can_change"] is True
    assert len(first.json()["placements"]) == round_.threads.count()
    thread = world.round.thread
    moved = client.request(
        "PUT", f"/rounds/{round_.pk}/contributions/mine/placements/{thread.pk}", {"position": 3, "version": 0}
    )
    assert moved.status_code == 200
    assert moved.json() == {"id": moved.json()["id"], "thread_id": thread.pk, "position": 3, "version": 1}
    mine = client.get(f"/rounds/{round_.pk}/contributions/mine").json()
    assert [p["position"] for p in mine["placements"] if p["thread_id"] == thread.pk] == [3]
    assert Contribution.objects.filter(round=round_, kind=STAFF).count() == 1
    assert Placement.objects.get(pk=world.round.placement.pk).position == 7  # the team's bead did not move


def test_own_beads_are_refused_when_the_round_does_not_ask_for_them(world, api_for):
    round_ = world.round.round
    response = api_for(world.people.staff).post(f"/rounds/{round_.pk}/contributions/mine")
    assert response.status_code == 422
    assert "not asking for individual beads" in response.json()["detail"]
    assert not Contribution.objects.filter(kind=STAFF).exists()


def test_an_own_bead_from_an_old_version_gets_409_with_both_sides(world, ids, api_for):
    client = api_for(world.people.staff)
    url = f"/rounds/{ids['round']}/contributions/mine/placements/{ids['thread']}"
    assert client.request("PUT", url, {"position": 4, "version": 0}).status_code == 200
    stale = client.request("PUT", url, {"position": 9, "version": 0})
    assert stale.status_code == 409
    body = stale.json()
    assert (body["current_version"], body["theirs"]["position"], body["yours"]["position"]) == (1, 4, 9)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"position": 0, "version": 0}, "position"),
        ({"position": True, "version": 0}, "position"),
        ({"position": "7", "version": 0}, "position"),
        ({"position": 7, "version": -1}, "version"),
        ({"position": 7, "version": False}, "version"),
        ({"position": 7}, "version"),
    ],
)
def test_an_own_bead_that_is_not_a_position_gets_422(body, field, world, ids, api_for):
    url = f"/rounds/{ids['round']}/contributions/mine/placements/{ids['thread']}"
    response = api_for(world.people.staff).request("PUT", url, body)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "data", field]]


def test_an_own_bead_off_the_scale_gets_422_naming_the_field(world, ids, api_for):
    url = f"/rounds/{ids['round']}/contributions/mine/placements/{ids['thread']}"
    response = api_for(world.people.staff).request("PUT", url, {"position": 21, "version": 0})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "position"]


def test_a_thread_of_another_round_is_404(world, other_tree, ids, api_for):
    theirs = make_round_world(other_tree.service, world.framework, by=world.people.outsider)
    client = api_for(world.people.admin)
    put = client.request(
        "PUT",
        f"/rounds/{ids['round']}/contributions/mine/placements/{theirs.thread.pk}",
        {"position": 4, "version": 0},
    )
    agreed = client.post(f"/rounds/{ids['round']}/threads/{theirs.thread.pk}/consensus", {"position": 4, "version": 1})
    assert put.status_code == agreed.status_code == 404
    assert Placement.objects.get(pk=theirs.placement.pk).version == 1


# The overlay ------------------------------------------------------------------------------------


def test_the_overlay_shows_each_group_with_its_spread_and_the_gap(world, ids, api_for):
    round_ = world.round.round
    _everyone(round_, staff=5, position=8)
    _everyone(round_, users=4, position=14, shares_comments=True, comment="More time to talk")
    body = api_for(world.people.manager).get(f"/rounds/{round_.pk}/overlay").json()

    first = body["threads"][0]
    assert first["thread_id"] == world.round.thread.pk
    assert first["team"]["position"] == 7
    staff, users = first["groups"]
    assert (staff["key"], staff["shown"], staff["count"], staff["median"]) == ("staff", True, 5, 8.0)
    assert staff["agreement"] == 1.0
    assert staff["agreement_words"] == "Very strong agreement"
    # 4 from _everyone plus the one of voice_ids (at 5): five, so they show
    assert (users["shown"], users["count"], users["positions"]) == (True, 5, [5, 14, 14, 14, 14])
    assert first["gap"] == 14.0 - 8.0
    assert first["agreement_everyone"] is not None
    assert first["comments"] == ["More time to talk"] * 4
    assert [b["text"] for b in first["barriers"]] == ["No move-on flats in the borough"]


def test_small_groups_leave_no_trace_in_the_overlay(world, api_for):
    round_ = world.round.round
    client = api_for(world.people.admin)
    _everyone(round_, staff=6, position=9)
    without = client.get(f"/rounds/{round_.pk}/overlay").json()
    _everyone(round_, users=4, position=19, shares_comments=True, comment="Nobody listens")
    few = client.get(f"/rounds/{round_.pk}/overlay").json()

    assert few == without
    users = few["threads"][0]["groups"][1]
    assert users == {
        "key": "service_users",
        "label": "Service users",
        "shown": False,
        "count": None,
        "positions": [],
        "median": None,
        "lower_quartile": None,
        "upper_quartile": None,
        "lowest": None,
        "highest": None,
        "agreement": None,
        "agreement_words": None,
    }
    assert "19" not in str(few["threads"][0]["groups"])
    assert "Nobody listens" not in str(few)
    assert few["threads"][0]["gap"] is None
    assert few["threads"][0]["agreement_everyone"] is None


@pytest.mark.parametrize("entered", ["self", "proxy"])
def test_a_filtered_part_whose_remainder_is_small_is_hidden(entered, world, api_for):
    round_ = world.round.round
    _everyone(round_, users=7, via="link")
    _everyone(round_, users=2, via="proxy")
    body = api_for(world.people.admin).get(f"/rounds/{round_.pk}/overlay?entered={entered}").json()
    assert body["entered"] == entered
    assert body["threads"][0]["groups"][1]["shown"] is False


def test_the_self_filter_keeps_those_who_took_part_through_a_link(world, api_for):
    round_ = world.round.round
    _everyone(round_, users=6, via="link", position=3)
    _everyone(round_, users=5, via="proxy", position=12)
    client = api_for(world.people.admin)
    themselves = client.get(f"/rounds/{round_.pk}/overlay?entered=self").json()["threads"][1]["groups"][1]
    proxied = client.get(f"/rounds/{round_.pk}/overlay?entered=proxy").json()["threads"][1]["groups"][1]
    assert (themselves["count"], themselves["median"]) == (6, 3.0)
    assert (proxied["count"], proxied["median"]) == (5, 12.0)


@pytest.mark.parametrize("entered", ["everyone", "", "SELF", "link"])
def test_an_unknown_filter_gets_422(entered, world, api_for):
    response = api_for(world.people.admin).get(f"/rounds/{world.round.round.pk}/overlay?entered={entered}")
    assert response.status_code == 422


def test_the_overlay_is_hidden_from_staff_until_the_round_is_in_review(world, api_for):
    round_ = world.round.round
    client = api_for(world.people.staff)
    hidden = client.get(f"/rounds/{round_.pk}/overlay")
    assert hidden.status_code == 403
    assert hidden.json() == {"detail": "The overlay is not shown yet."}
    services.round_submit(round_=round_)
    assert client.get(f"/rounds/{round_.pk}/overlay").status_code == 200


def test_nobody_sees_the_overlay_during_a_session_until_it_is_revealed(world, api_for):
    round_ = world.round.round
    session_start(round_=round_, by=world.people.lead)
    assert api_for(world.people.admin).get(f"/rounds/{round_.pk}/overlay").status_code == 403


# The agreed position ----------------------------------------------------------------------------


def test_the_agreed_bead_keeps_the_spread_of_only_the_groups_that_show(world, ids, api_for):
    round_ = world.round.round
    _everyone(round_, staff=5, position=6)  # and the one service user of voice_ids: too few to show
    response = api_for(world.people.lead).post(
        f"/rounds/{round_.pk}/threads/{ids['thread']}/consensus", {"position": 8, "version": ids["team_version"]}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["position"], body["version"], body["target"]) == (8, 2, 12)
    assert body["agreed_from"]["staff"]["median"] == 6.0
    assert body["agreed_from"]["service_users"] is None
    stored = Placement.objects.get(pk=world.round.placement.pk).agreed_from
    assert stored is not None
    assert set(stored) == {"agreed_at", "staff"}
    overlay = api_for(world.people.lead).get(f"/rounds/{round_.pk}/overlay").json()
    assert overlay["threads"][0]["team"]["agreed_from"]["staff"]["count"] == 5


def test_an_agreed_bead_from_an_old_version_gets_409(world, ids, api_for):
    url = f"/rounds/{ids['round']}/threads/{ids['thread']}/consensus"
    client = api_for(world.people.admin)
    assert client.post(url, {"position": 8, "version": 1}).status_code == 200
    stale = client.post(url, {"position": 15, "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert Placement.objects.get(pk=world.round.placement.pk).position == 8


@pytest.mark.parametrize("body", [{"position": None, "version": 1}, {"position": 8}, {"position": 8, "version": "1"}])
def test_an_agreed_bead_must_be_a_position_with_a_version(body, world, ids, api_for):
    response = api_for(world.people.admin).post(f"/rounds/{ids['round']}/threads/{ids['thread']}/consensus", body)
    assert response.status_code == 422


def test_an_agreed_bead_cannot_be_recorded_once_the_round_is_closed(world, ids, api_for):
    services.round_submit(round_=world.round.round)
    response = api_for(world.people.admin).post(
        f"/rounds/{ids['round']}/threads/{ids['thread']}/consensus", {"position": 8, "version": 1}
    )
    assert response.status_code == 422
    assert "in review" in response.json()["detail"]


# Setting a contribution aside -------------------------------------------------------------------


def test_the_lead_sets_a_contribution_aside_and_it_leaves_the_overlay(world, ids, api_for):
    round_ = world.round.round
    _everyone(round_, users=4)
    client = api_for(world.people.lead)
    assert client.get(f"/rounds/{round_.pk}/overlay").json()["threads"][0]["groups"][1]["shown"] is True

    response = client.post(f"/contributions/{ids['contribution']}/void", {"reason": "  Written as a joke  "})

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["kind"], body["void_reason"]) == ("voided", "service_user", "Written as a joke")
    assert client.get(f"/rounds/{round_.pk}/overlay").json()["threads"][0]["groups"][1]["shown"] is False
    event = AuditEvent.objects.get(action="contribution.void")
    assert (event.actor, event.target_id) == (world.people.lead, str(ids["contribution"]))


@pytest.mark.parametrize(
    ("reason", "status"), [("", 422), ("   ", 422), ("x" * 301, 422), ("bad\x00", 422), (None, 422), (7, 422)]
)
def test_a_void_needs_a_reason(reason, status, world, ids, api_for):
    response = api_for(world.people.admin).post(f"/contributions/{ids['contribution']}/void", {"reason": reason})
    assert response.status_code == status
    assert Contribution.objects.get(pk=ids["contribution"]).state == "submitted"


def test_the_teams_view_cannot_be_set_aside_nor_one_twice(world, ids, api_for):
    client = api_for(world.people.admin)
    team = Contribution.objects.get(round_id=ids["round"], kind=Contribution.Kind.TEAM)
    refused = client.post(f"/contributions/{team.pk}/void", {"reason": "No"})
    assert refused.status_code == 422
    assert refused.json()["detail"] == "The team's agreed view cannot be voided."
    assert client.post(f"/contributions/{ids['contribution']}/void", {"reason": "Spoiled"}).status_code == 200
    twice = client.post(f"/contributions/{ids['contribution']}/void", {"reason": "Spoiled"})
    assert twice.status_code == 422
    assert twice.json()["detail"] == "This contribution is already voided."


def test_a_lead_of_another_organisation_cannot_void_ours(world, ids, api_for):
    response = api_for(world.people.outsider).post(f"/contributions/{ids['contribution']}/void", {"reason": "Spam"})
    missing = api_for(world.people.outsider).post("/contributions/987654/void", {"reason": "Spam"})
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()


def test_a_lead_of_a_sibling_unit_only_is_404(world, ids, api_for):
    elsewhere = UserFactory.create(email="lead@team.example")
    grant(elsewhere, world.tree.team, Role.PIE_LEAD)
    response = api_for(elsewhere).post(f"/contributions/{ids['contribution']}/void", {"reason": "Spam"})
    assert response.status_code == 404
