"""Staff members' own beads: the page, saving one (without JavaScript and by fetch), someone else's bead,
and the lead's invitation on the round page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.services.contributions import contribution_for_member, session_start

FETCH = {"X-Requested-With": "fetch"}


def invite(round_: Round) -> Round:
    Round.objects.filter(pk=round_.pk).update(invites_individuals=True)
    round_.invites_individuals = True
    return round_


def _page(round_: Round) -> str:
    return reverse("assessments:my-beads", args=[round_.pk])


def own_bead(round_: Round, person, key: str = "psychological-awareness") -> Placement:
    mine = contribution_for_member(round_=round_, user=person)
    return mine.placements.get(thread__key=key)


def save_own(client, placement: Placement, *, fetch: bool = False, **data):
    values = {"position": "", "version": placement.version, **data}
    url = reverse("assessments:own-placement", args=[placement.pk])
    return client.post(url, values, headers=FETCH if fetch else None)


# The page ---------------------------------------------------------------------------------------


def test_the_page_shows_a_bead_group_per_thread_without_a_target(world, client_for):
    round_ = invite(world.round.round)
    response = client_for(world.people.staff).get(_page(round_))
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in text
    assert "Your own beads" in text
    assert text.count('type="radio"') == 5 * 20
    assert text.count('action="/my-placements/') == 5
    assert "Target (optional)" not in text
    assert "never with your name" in text
    assert "No move-on flats in the borough" in text  # the barriers beside the bead
    mine = Contribution.objects.get(round=round_, author=world.people.staff, kind="individual")
    assert mine.placements.count() == 5


def test_the_team_bead_is_not_shown_as_the_members_own(world, client_for):
    round_ = invite(world.round.round)
    text = client_for(world.people.staff).get(_page(round_)).content.decode()
    assert " checked" not in text  # no bead of their own yet
    assert 'value="7" aria-label="Basic, position 2 of 5" checked' not in text


def test_a_round_not_asking_for_own_beads_says_so(world, client_for):
    response = client_for(world.people.staff).get(_page(world.round.round))
    assert response.status_code == 200
    assert "This round is not asking for individual beads" in response.content.decode()
    assert not Contribution.objects.filter(kind="individual").exists()


def test_a_live_session_asks_for_own_beads_and_shows_its_status(world, client_for):
    session_start(round_=world.round.round, by=world.people.lead)
    text = client_for(world.people.staff).get(_page(world.round.round)).content.decode()
    assert "Nobody sees anyone's beads until your PIE lead shows the overlay." in text
    assert 'hx-trigger="every 3s"' in text
    assert text.count('action="/my-placements/') == 5


@pytest.mark.parametrize(("persona", "status"), [("reader", 403), ("manager", 403), ("outsider", 404), ("admin", 200)])
def test_who_may_place_their_own_beads(world, client_for, persona, status):
    round_ = invite(world.round.round)
    assert client_for(getattr(world.people, persona)).get(_page(round_)).status_code == status


def test_the_page_is_get_only(world, client_for):
    round_ = invite(world.round.round)
    assert client_for(world.people.staff).post(_page(round_)).status_code == 405


# Saving -----------------------------------------------------------------------------------------


def test_saving_without_javascript_goes_back_to_the_thread(world, client_for):
    round_ = invite(world.round.round)
    placement = own_bead(round_, world.people.staff)
    response = save_own(client_for(world.people.staff), placement, position="9")
    assert response.status_code == 302
    assert response["Location"] == _page(round_) + "#thread-psychological-awareness"
    placement.refresh_from_db()
    assert (placement.position, placement.version, placement.target) == (9, 1, None)
    world.round.placement.refresh_from_db()
    assert world.round.placement.position == 7  # the team's bead did not move


def test_saving_by_fetch_answers_json(world, client_for):
    round_ = invite(world.round.round)
    placement = own_bead(round_, world.people.staff)
    response = save_own(client_for(world.people.staff), placement, fetch=True, position="12", target="20")
    assert response.status_code == 200
    assert response.json()["label"] == "Progressing, position 2 of 5"
    placement.refresh_from_db()
    assert (placement.position, placement.target) == (12, None)


def test_a_stale_version_is_a_conflict(world, client_for):
    round_ = invite(world.round.round)
    placement = own_bead(round_, world.people.staff)
    client = client_for(world.people.staff)
    save_own(client, placement, position="3")
    response = save_own(client, placement, fetch=True, position="4")
    assert response.status_code == 409
    assert response.json()["position"] == 3
    page = save_own(client, placement, position="4")
    assert page.status_code == 200
    assert "You (on another screen) moved this bead" in page.content.decode()


def test_someone_elses_bead_is_not_found(world, client_for):
    round_ = invite(world.round.round)
    theirs = own_bead(round_, world.people.admin)
    response = save_own(client_for(world.people.staff), theirs, fetch=True, position="5")
    assert response.status_code == 404
    assert save_own(client_for(world.people.staff), theirs, position="5").status_code == 404
    team = world.round.placement
    assert save_own(client_for(world.people.staff), team, position="5").status_code == 404
    assert Placement.objects.get(pk=theirs.pk).position is None


def test_an_outsider_gets_404_and_the_wrong_method_405(world, client_for):
    round_ = invite(world.round.round)
    placement = own_bead(round_, world.people.staff)
    assert save_own(client_for(world.people.outsider), placement, position="5").status_code == 404
    url = reverse("assessments:own-placement", args=[placement.pk])
    assert client_for(world.people.staff).get(url).status_code == 405


def test_off_scale_is_a_clear_error(world, client_for):
    round_ = invite(world.round.round)
    placement = own_bead(round_, world.people.staff)
    response = save_own(client_for(world.people.staff), placement, fetch=True, position="99")
    assert response.status_code == 400
    assert response.json()["errors"]["position"] == ["Choose a position on the scale, from 1 to 20"]


def test_beads_cannot_change_once_the_invitation_ends(world, client_for):
    round_ = invite(world.round.round)
    placement = own_bead(round_, world.people.staff)
    Round.objects.filter(pk=round_.pk).update(invites_individuals=False)
    client = client_for(world.people.staff)
    response = save_own(client, placement, fetch=True, position="5")
    assert response.status_code == 400
    assert "not asking for individual beads" in str(response.json()["errors"])
    text = client.get(_page(round_)).content.decode()
    assert "cannot change now" in text
    assert "disabled" in text


# The lead's invitation --------------------------------------------------------------------------


def _invite(client, round_: Round, value: str):
    return client.post(reverse("assessments:round-invite", args=[round_.pk]), {"invite": value})


def test_the_lead_invites_the_team_from_the_round_page(world, client_for):
    round_ = world.round.round
    client = client_for(world.people.lead)
    page = client.get(reverse("assessments:round", args=[round_.pk])).content.decode()
    assert "Invite the team to place their own beads" in page
    response = _invite(client, round_, "yes")
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.invites_individuals
    page = client.get(reverse("assessments:round", args=[round_.pk])).content.decode()
    assert "Stop inviting the team" in page
    assert f'href="{_page(round_)}"' in page
    _invite(client, round_, "no")
    round_.refresh_from_db()
    assert not round_.invites_individuals


def test_staff_see_their_link_but_not_the_invitation_button(world, client_for):
    round_ = invite(world.round.round)
    page = client_for(world.people.staff).get(reverse("assessments:round", args=[round_.pk])).content.decode()
    assert "Your own beads" in page
    assert "Invite the team" not in page
    assert "Stop inviting" not in page
    assert 'href="/rounds/' in page
    assert "/overlay/" not in page


@pytest.mark.parametrize(("persona", "status"), [("staff", 403), ("reader", 403), ("outsider", 404)])
def test_only_the_lead_may_invite(world, client_for, persona, status):
    assert _invite(client_for(getattr(world.people, persona)), world.round.round, "yes").status_code == status
    world.round.round.refresh_from_db()
    assert not world.round.round.invites_individuals


def test_inviting_is_post_only_and_checks_its_input(world, client_for):
    client = client_for(world.people.lead)
    url = reverse("assessments:round-invite", args=[world.round.round.pk])
    assert client.get(url).status_code == 405
    response = _invite(client, world.round.round, "perhaps")
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "Choose whether to invite the team" in followed


def test_the_round_page_leads_the_lead_to_service_users_links_and_staff_to_proxy_entry(world, client_for):
    round_ = world.round.round
    links = reverse("participation:links", args=[round_.pk])
    proxy = reverse("participation:proxy-start", args=[round_.pk])
    lead_page = client_for(world.people.lead).get(reverse("assessments:round", args=[round_.pk])).content.decode()
    assert f'href="{links}"' in lead_page
    staff_page = client_for(world.people.staff).get(reverse("assessments:round", args=[round_.pk])).content.decode()
    assert f'href="{links}"' not in staff_page
    assert f'href="{proxy}"' in staff_page
    reader_page = client_for(world.people.reader).get(reverse("assessments:round", args=[round_.pk])).content.decode()
    assert f'href="{proxy}"' not in reader_page
