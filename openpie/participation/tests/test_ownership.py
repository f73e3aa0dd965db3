"""A service user's answers are reached only through their own session: answers given through this link,
or the entry this keyworker is making for someone; never another person's (docs/adr/0015-ownership.md)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from openpie.assessments.models import Contribution, Placement
from openpie.participation import services
from openpie.participation.tests.factories import make_link, start
from openpie.participation.views.common import SESSION_KEY

pytestmark = pytest.mark.django_db


def _carry(client: Client, journey: str, contribution: Contribution) -> None:
    """Put a contribution in the browser's session for a journey (as if the session named it)."""
    session = client.session
    session[SESSION_KEY] = {"journey": journey, "contribution": contribution.pk, "code": None}
    session.save()


def _answered(contribution: Contribution) -> bool:
    return Placement.objects.filter(contribution=contribution).exclude(position=None).exists()


def test_a_session_cannot_answer_for_someone_who_came_through_another_link(client, world, people):
    poster, leaflet = make_link(world.round.round, by=people.lead), make_link(world.round.round, by=people.lead)
    theirs = start(leaflet)
    _carry(client, f"link:{poster.pk}", theirs)
    response = client.post(reverse("participation:question", args=[poster.token, 1]), {"position": "5"})
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:landing", args=[poster.token])
    assert not _answered(theirs)


def test_a_session_cannot_answer_for_a_proxy_entry(client, world, people):
    link = make_link(world.round.round, by=people.lead)
    entered = services.proxy_start(
        round_=world.round.round, by=people.staff, consent_confirmed=True, shares_comments=False
    )
    _carry(client, f"link:{link.pk}", entered)
    client.post(reverse("participation:question", args=[link.token, 1]), {"position": "5"})
    assert not _answered(entered)


def test_a_keyworker_cannot_carry_on_another_keyworkers_entry(world, people, client_for):
    """The lead's session naming the staff member's proxy entry reaches nothing: it is not the lead's."""
    round_ = world.round.round
    entered = services.proxy_start(round_=round_, by=people.staff, consent_confirmed=True, shares_comments=False)
    client = client_for(people.lead)
    _carry(client, f"proxy:{round_.pk}", entered)
    response = client.post(reverse("participation:proxy-question", args=[round_.pk, 1]), {"position": "5"})
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:proxy-start", args=[round_.pk])
    assert not _answered(entered)


def test_the_keyworker_carries_on_their_own_entry(world, people, client_for):
    round_ = world.round.round
    entered = services.proxy_start(round_=round_, by=people.staff, consent_confirmed=True, shares_comments=False)
    client = client_for(people.staff)
    _carry(client, f"proxy:{round_.pk}", entered)
    client.post(reverse("participation:proxy-question", args=[round_.pk, 1]), {"position": "5"})
    assert _answered(entered)


def test_staff_beads_are_never_answered_through_the_service_users_service(world):
    team = Contribution.objects.get(round=world.round.round, kind=Contribution.Kind.TEAM)
    team.state = Contribution.State.STARTED
    with pytest.raises(ValidationError):
        services.participation_answer(contribution=team, thread=world.round.thread, position=3)
    world.round.placement.refresh_from_db()
    assert world.round.placement.position == 7
