"""API for many voices, part two: the overlay, the agreed position and setting a contribution aside.
Small groups must leave no trace in any answer."""

from __future__ import annotations

import pytest

from openpie.accounts.tests.factories import UserFactory
from openpie.assessments import services
from openpie.assessments.models import Contribution, Placement
from openpie.assessments.services.contributions import session_start
from openpie.assessments.tests.api_operations import (
    voice_ids,
)
from openpie.assessments.tests.voices import everyone
from openpie.audit.models import AuditEvent
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant


@pytest.fixture
def ids(world):
    return voice_ids(world)


# The overlay ------------------------------------------------------------------------------------


def test_the_overlay_shows_each_group_with_its_spread_and_the_gap(world, ids, api_for):
    round_ = world.round.round
    everyone(round_, staff=5, position=8)
    everyone(round_, users=4, position=14, shares_comments=True, comment="More time to talk")
    body = api_for(world.people.manager).get(f"/rounds/{round_.pk}/overlay").json()

    first = body["threads"][0]
    assert first["thread_id"] == world.round.thread.pk
    assert first["team"]["position"] == 7
    staff, users = first["groups"]
    assert (staff["key"], staff["shown"], staff["count"], staff["median"]) == ("staff", True, 5, 8.0)
    assert staff["agreement"] == 1.0
    assert staff["agreement_words"] == "Very strong agreement"
    assert staff["average_deviation"] == 0.0
    # Service users 5, 14, 14, 14, 14: median 14, AD = 9 / 5 = 1.8 positions (over a third of a level)
    assert first["groups"][1]["average_deviation"] == 1.8
    assert first["groups"][1]["agreement_words"] == "Moderate agreement"
    assert body["agreement_round"]["staff"] is not None
    # 4 from _everyone plus the one of voice_ids (at 5): five, so they show
    assert (users["shown"], users["count"], users["positions"]) == (True, 5, [5, 14, 14, 14, 14])
    assert first["gap"] == 14.0 - 8.0
    assert first["agreement_everyone"] is not None
    assert first["comments"] == ["More time to talk"] * 4
    assert [b["text"] for b in first["barriers"]] == ["No move-on flats in the borough"]


def test_small_groups_leave_no_trace_in_the_overlay(world, api_for):
    round_ = world.round.round
    client = api_for(world.people.admin)
    everyone(round_, staff=6, position=9)
    without = client.get(f"/rounds/{round_.pk}/overlay").json()
    everyone(round_, users=4, position=19, shares_comments=True, comment="Nobody listens")
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
        "average_deviation": None,
        "release": None,
    }
    assert "19" not in str(few["threads"][0]["groups"])
    assert "Nobody listens" not in str(few)
    assert few["threads"][0]["gap"] is None
    assert few["threads"][0]["agreement_everyone"] is None


def test_a_filter_chooses_whole_blocks_so_no_two_answers_differ_by_a_few(world, api_for):
    round_ = world.round.round
    everyone(round_, users=7, via="link", position=4)
    everyone(round_, users=2, via="proxy", position=19)
    client = api_for(world.people.admin)
    users = {
        entered: client.get(f"/rounds/{round_.pk}/overlay?entered={entered}").json()["threads"][0]["groups"][1]
        for entered in ("all", "self", "proxy")
    }
    # Everyone is the first five through a link: the two proxies (and the last two by link) count nowhere.
    assert (users["all"]["count"], users["all"]["highest"]) == (5, 4)
    assert users["self"]["count"] == 5
    assert users["proxy"]["shown"] is False
    assert users["all"]["release"] == (
        "Shows the first 5 answers; the next update comes at 10 answers. Figures change only in steps of 5 answers."
    )


def test_the_self_filter_keeps_those_who_took_part_through_a_link(world, api_for):
    round_ = world.round.round
    everyone(round_, users=6, via="link", position=3)
    everyone(round_, users=5, via="proxy", position=12)
    client = api_for(world.people.admin)
    themselves = client.get(f"/rounds/{round_.pk}/overlay?entered=self").json()["threads"][1]["groups"][1]
    proxied = client.get(f"/rounds/{round_.pk}/overlay?entered=proxy").json()["threads"][1]["groups"][1]
    both = client.get(f"/rounds/{round_.pk}/overlay").json()["threads"][1]["groups"][1]
    assert (themselves["count"], themselves["median"]) == (5, 3.0)  # the first batch of five
    assert (proxied["count"], proxied["median"]) == (5, 12.0)
    assert both["count"] == 10  # the two blocks' released answers, nothing else
    assert both["release"].startswith(
        "Shows the first 5 answers given through a link and the first 5 answers entered by a keyworker or advocate"
    )


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
    everyone(round_, staff=5, position=6)  # and the one service user of voice_ids: too few to show
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
    everyone(round_, users=4)
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
    assert refused.status_code == 404  # not a voice of its own: not found on this path
    assert Contribution.objects.get(pk=team.pk).state == Contribution.State.SUBMITTED
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
