"""Nobody changes another's voice: each bead path reaches only the beads of the owner it is for.

The team's bead paths (``POST /placements/{id}/`` and ``PUT /api/v1/placements/{id}``) reach the
round's TEAM beads only; ``POST /my-placements/{id}/`` the person's own only. A colleague's own bead
or a service user's answer is a 404 there, whatever the person's role, and nothing changes; a stale
version on it is a 404 too, never a 409 that would show the other person's value.
"""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from openpie.assessments.access import Owner, get_contribution_for_user, get_placement_for_user
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.services.contributions import contribution_for_member, own_placement_record

FETCH = {"X-Requested-With": "fetch"}
KEY = "psychological-awareness"


def _invited(round_: Round) -> Round:
    Round.objects.filter(pk=round_.pk).update(invites_individuals=True)
    round_.refresh_from_db()
    return round_


def colleagues_bead(world) -> Placement:
    """The staff member's own bead, placed at 4 (their voice, not the team's)."""
    round_ = _invited(world.round.round)
    placement = contribution_for_member(round_=round_, user=world.people.staff).placements.get(thread__key=KEY)
    placement.thread.round = round_
    return own_placement_record(placement=placement, version=placement.version, by=world.people.staff, position=4)


def service_users_bead(world) -> Placement:
    """A service user's answer on the same thread, placed at 18."""
    theirs = Contribution.objects.create(round=world.round.round, kind=Contribution.Kind.SERVICE_USER)
    return Placement.objects.create(contribution=theirs, thread=world.round.thread, position=18, comment="Kind staff")


def _page_save(client, placement: Placement, *, fetch: bool, version: int | None = None, **data):
    values = {"position": "9", "target": "", "version": placement.version if version is None else version, **data}
    return client.post(reverse("assessments:placement", args=[placement.pk]), values, headers=FETCH if fetch else None)


def _api_save(api, placement: Placement, *, version: int | None = None):
    body = {"position": 9, "target": None, "version": placement.version if version is None else version}
    return api.request("PUT", f"/placements/{placement.pk}", body)


def _unchanged(placement: Placement) -> None:
    before = (placement.position, placement.version, placement.updated_by_id)
    placement.refresh_from_db()
    assert (placement.position, placement.version, placement.updated_by_id) == before


# The team-bead page ------------------------------------------------------------------------------


@pytest.mark.parametrize("fetch", [False, True])
@pytest.mark.parametrize("persona", ["lead", "admin"])
def test_the_team_bead_page_does_not_find_a_colleagues_own_bead(world, client_for, persona, fetch):
    theirs = colleagues_bead(world)
    response = _page_save(client_for(getattr(world.people, persona)), theirs, fetch=fetch)
    assert response.status_code == 404
    _unchanged(theirs)


@pytest.mark.parametrize("fetch", [False, True])
def test_the_team_bead_page_does_not_find_a_service_users_answer(world, client_for, fetch):
    theirs = service_users_bead(world)
    response = _page_save(client_for(world.people.staff), theirs, fetch=fetch)
    assert response.status_code == 404
    _unchanged(theirs)
    assert Placement.objects.get(pk=theirs.pk).comment == "Kind staff"


def test_a_read_only_member_gets_404_on_a_colleagues_bead_not_403(world, client_for):
    """Not 403: that would say the bead exists, and it is not theirs to know about."""
    response = _page_save(client_for(world.people.reader), colleagues_bead(world), fetch=True)
    assert response.status_code == 404


@pytest.mark.parametrize("fetch", [False, True])
def test_a_stale_version_on_another_persons_bead_is_404_not_a_conflict_with_their_value(world, client_for, fetch):
    theirs = colleagues_bead(world)  # at version 1, position 4
    response = _page_save(client_for(world.people.lead), theirs, fetch=fetch, version=0)
    assert response.status_code == 404
    assert b"Basic, position 4" not in response.content
    assert b'"position": 4' not in response.content
    _unchanged(theirs)


def test_the_team_bead_itself_still_saves_from_the_page(world, client_for):
    team = world.round.placement
    team.refresh_from_db()
    response = _page_save(client_for(world.people.staff), team, fetch=True)
    assert response.status_code == 200
    assert response.json()["position"] == 9


# The team-bead API -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "admin"])
def test_the_api_does_not_find_a_colleagues_own_bead(world, api_for, persona):
    theirs = colleagues_bead(world)
    response = _api_save(api_for(getattr(world.people, persona)), theirs)
    assert response.status_code == 404
    _unchanged(theirs)


def test_the_api_does_not_find_a_service_users_answer(world, api_for):
    theirs = service_users_bead(world)
    response = _api_save(api_for(world.people.lead), theirs)
    assert response.status_code == 404
    _unchanged(theirs)


def test_the_api_does_not_find_the_members_own_bead_either(world, api_for):
    """A member's own bead changes through their own path only (which carries no target)."""
    mine = colleagues_bead(world)
    response = _api_save(api_for(world.people.staff), mine)
    assert response.status_code == 404
    _unchanged(mine)


def test_a_stale_version_on_another_persons_bead_by_api_is_404_without_theirs(world, api_for):
    theirs = colleagues_bead(world)
    response = _api_save(api_for(world.people.admin), theirs, version=0)
    assert response.status_code == 404
    assert "theirs" not in response.json()
    _unchanged(theirs)


def test_a_stale_version_on_the_team_bead_shows_the_team_bead(world, api_for):
    team = world.round.placement
    team.refresh_from_db()
    response = _api_save(api_for(world.people.staff), team, version=team.version - 1)
    assert response.status_code == 409
    assert response.json()["theirs"] == {"position": 7, "target": 12}


# Your own beads ----------------------------------------------------------------------------------


def _own_save(client, placement: Placement, *, version: int, position: str = "11"):
    url = reverse("assessments:own-placement", args=[placement.pk])
    return client.post(url, {"position": position, "version": version}, headers=FETCH)


def test_a_stale_version_on_your_own_bead_shows_your_own_position_only(world, client_for):
    mine = colleagues_bead(world)  # the staff member's: at 4, version 1
    service_users_bead(world)  # another voice on the same thread, at 18
    response = _own_save(client_for(world.people.staff), mine, version=0)
    assert response.status_code == 409
    body = response.json()
    assert body["position"] == 4
    assert body["version"] == 1
    assert "Advanced, position 3 of 5" not in response.content.decode()  # the service user's 18


def test_the_own_bead_path_does_not_find_a_colleagues_bead_even_with_a_stale_version(world, client_for, people):
    theirs = colleagues_bead(world)
    for persona in ("lead", "admin", "reader"):
        response = _own_save(client_for(getattr(people, persona)), theirs, version=0)
        assert response.status_code == 404
    _unchanged(theirs)


def test_the_own_bead_path_does_not_find_the_team_bead_nor_a_service_users(world, client_for):
    _invited(world.round.round)
    client = client_for(world.people.staff)
    for placement in (world.round.placement, service_users_bead(world)):
        placement.refresh_from_db()
        assert _own_save(client, placement, version=placement.version).status_code == 404
        _unchanged(placement)


# The access helpers themselves --------------------------------------------------------------------


def test_the_placement_helper_finds_each_bead_only_for_its_owner(world):
    team, theirs, service_user = world.round.placement, colleagues_bead(world), service_users_bead(world)
    staff, lead = world.people.staff, world.people.lead
    assert get_placement_for_user(staff, team.pk, owner=Owner.TEAM, action="round.record") == team
    assert get_placement_for_user(staff, theirs.pk, owner=Owner.SELF, action="round.contribute") == theirs
    refused = [
        (lead, theirs, Owner.TEAM),
        (lead, theirs, Owner.SELF),
        (staff, theirs, Owner.TEAM),
        (staff, team, Owner.SELF),
        (staff, service_user, Owner.TEAM),
        (staff, service_user, Owner.SELF),
    ]
    for user, placement, owner in refused:
        with pytest.raises(Http404):
            get_placement_for_user(user, placement.pk, owner=owner, action="round.view")


def test_the_contribution_helper_never_finds_the_teams_view_for_setting_aside(world):
    team = Contribution.objects.get(round=world.round.round, kind=Contribution.Kind.TEAM)
    with pytest.raises(Http404):
        get_contribution_for_user(world.people.admin, team.pk, owner=Owner.VOICES, action="contribution.void")
    voice = service_users_bead(world).contribution
    found = get_contribution_for_user(world.people.admin, voice.pk, owner=Owner.VOICES, action="contribution.void")
    assert found == voice


def test_another_organisations_bead_is_404_for_every_owner(world):
    for owner in Owner:
        with pytest.raises(Http404):
            get_placement_for_user(world.people.outsider, world.round.placement.pk, owner=owner, action="round.view")
