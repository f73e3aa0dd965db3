"""Many voices among staff: inviting the team, members' own beads, facilitated sessions, the agreed bead
and setting a contribution aside."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from openpie.accounts.tests.factories import UserFactory
from openpie.assessments import services
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.overlay.selectors import SERVICE_USERS, STAFF, round_overlay
from openpie.assessments.services.contributions import (
    consensus_record,
    contribution_for_member,
    contribution_void,
    own_placement_record,
    round_invite_individuals,
    session_end,
    session_reveal,
    session_start,
    voters,
)
from openpie.assessments.tests.api_operations import Voice, add_voices
from openpie.assessments.tests.factories import make_round
from openpie.audit.models import AuditEvent
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant

pytestmark = pytest.mark.django_db

USER = Contribution.Kind.SERVICE_USER


@pytest.fixture
def round_(people, tree, framework) -> Round:
    made = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=made)
    Round.objects.filter(pk=made.pk).update(invites_individuals=True)
    made.invites_individuals = True
    return made


def _members(tree, count: int) -> list:
    members = []
    for n in range(count):
        person = UserFactory.create(email=f"member{n}@riverside.example")
        grant(person, tree.service, Role.STAFF)
        members.append(person)
    return members


def _place_own(round_: Round, person, position: int) -> Placement:
    mine = contribution_for_member(round_=round_, user=person)
    placement = mine.placements.select_related("thread__round__framework").order_by("thread__position").first()
    assert placement is not None
    return own_placement_record(placement=placement, version=placement.version, by=person, position=position)


# Inviting the team ------------------------------------------------------------------------------


def test_inviting_the_team_emails_each_member_who_can_contribute_once(
    people, tree, framework, django_capture_on_commit_callbacks
):
    made = make_round(tree.service, framework, by=people.staff)
    with django_capture_on_commit_callbacks(execute=True):
        round_invite_individuals(round_=made, by=people.lead)
    with django_capture_on_commit_callbacks(execute=True):
        round_invite_individuals(round_=made, by=people.lead)  # already invited: nobody is emailed again

    assert Round.objects.get(pk=made.pk).invites_individuals is True
    assert sorted(m.to[0] for m in mail.outbox) == [people.admin.email, people.staff.email]
    assert made.title in mail.outbox[0].subject
    assert f"/{made.pk}/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="round.invite_individuals").count() == 2


# Own beads --------------------------------------------------------------------------------------


def test_a_member_has_one_contribution_however_often_they_ask(round_, people):
    first = contribution_for_member(round_=round_, user=people.staff)
    second = contribution_for_member(round_=round_, user=people.staff)
    assert first.pk == second.pk
    assert Contribution.objects.filter(round=round_, kind=Contribution.Kind.INDIVIDUAL).count() == 1
    assert first.placements.count() == round_.threads.count()
    assert not first.placements.exclude(position=None).exists()


def test_own_beads_need_the_round_to_ask_for_them(people, tree, framework):
    made = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=made)
    with pytest.raises(ValidationError, match="not asking for individual beads"):
        contribution_for_member(round_=made, user=people.staff)
    assert not Contribution.objects.filter(kind=Contribution.Kind.INDIVIDUAL).exists()


def test_nobody_can_move_someone_elses_bead(round_, people):
    theirs = contribution_for_member(round_=round_, user=people.staff)
    placement = theirs.placements.select_related("thread__round__framework").first()
    assert placement is not None
    with pytest.raises(ValidationError, match="only move your own beads"):
        own_placement_record(placement=placement, version=0, by=people.admin, position=4)
    placement.refresh_from_db()
    assert (placement.position, placement.version) == (None, 0)


def test_the_teams_bead_cannot_be_moved_as_an_own_bead(round_, people):
    team = Placement.objects.select_related("thread__round__framework").filter(
        contribution__round=round_, contribution__kind=Contribution.Kind.TEAM
    )[0]
    with pytest.raises(ValidationError):
        own_placement_record(placement=team, version=team.version, by=people.staff, position=4)


def test_a_voided_contribution_cannot_change(round_, people):
    _place_own(round_, people.staff, 6)
    mine = contribution_for_member(round_=round_, user=people.staff)
    contribution_void(contribution=mine, by=people.lead, reason="Placed for a test")
    placement = mine.placements.select_related("thread__round__framework").order_by("thread__position")[0]
    with pytest.raises(ValidationError, match="set aside"):
        own_placement_record(placement=placement, version=placement.version, by=people.staff, position=9)


# Facilitated sessions ---------------------------------------------------------------------------


def test_a_session_cannot_reveal_beads_until_enough_people_have_placed_one(round_, people, tree):
    session = session_start(round_=round_, by=people.lead)
    members = _members(tree, 5)
    for person in members[:4]:
        _place_own(round_, person, 9)
    contribution_for_member(round_=round_, user=members[4])  # started, no bead yet: not a voter

    assert voters(round_) == 4
    with pytest.raises(ValidationError, match="at least 5 people"):
        session_reveal(session=session, by=people.lead)
    session.refresh_from_db()
    assert session.revealed_at is None

    _place_own(round_, members[4], 11)
    assert session_reveal(session=session, by=people.lead).is_revealed


def test_only_one_session_runs_at_a_time_and_an_ended_one_cannot_be_revealed(round_, people, tree):
    session = session_start(round_=round_, by=people.lead)
    with pytest.raises(ValidationError, match="already running"):
        session_start(round_=round_, by=people.lead)
    for person in _members(tree, 5):
        _place_own(round_, person, 9)
    session_end(session=session, by=people.lead)
    with pytest.raises(ValidationError, match="ended"):
        session_reveal(session=session, by=people.lead)
    assert session_start(round_=round_, by=people.lead).pk != session.pk


# Setting aside ----------------------------------------------------------------------------------


def test_voiding_records_who_and_why_and_takes_the_contribution_out_of_the_overlay(round_, people):
    threads = list(round_.threads.values_list("pk", flat=True))
    made = add_voices(round_, [Voice(USER, dict.fromkeys(threads, 3 + n)) for n in range(5)])
    assert round_overlay(round_).threads[0].group(SERVICE_USERS).count == 5

    voided = contribution_void(contribution=made[0], by=people.lead, reason="  Someone typed rude words  ")

    assert (voided.state, voided.voided_by, voided.void_reason) == ("voided", people.lead, "Someone typed rude words")
    assert voided.ended_at is not None
    event = AuditEvent.objects.get(action="contribution.void")
    assert (event.actor, event.target_id, event.organisation_id) == (
        people.lead,
        str(made[0].pk),
        round_.unit.organisation_id,
    )
    assert event.detail == {"kind": "service_user"}  # the reason stays on the contribution, erasable
    assert round_overlay(round_).threads[0].group(SERVICE_USERS).shown is False
    assert Placement.objects.filter(contribution=made[0]).count() == len(threads)  # the original is kept


def test_voiding_needs_a_reason_and_happens_once(round_, people):
    threads = list(round_.threads.values_list("pk", flat=True))
    (theirs,) = add_voices(round_, [Voice(USER, dict.fromkeys(threads, 3))])
    with pytest.raises(ValidationError):
        contribution_void(contribution=theirs, by=people.lead, reason="   ")
    contribution_void(contribution=theirs, by=people.lead, reason="Spoiled")
    with pytest.raises(ValidationError, match="already voided"):
        contribution_void(contribution=theirs, by=people.lead, reason="Spoiled again")
    assert AuditEvent.objects.filter(action="contribution.void").count() == 1


# The agreed bead --------------------------------------------------------------------------------


def test_the_agreed_bead_keeps_the_spread_of_only_the_groups_that_show(round_, people):
    threads = list(round_.threads.order_by("position").values_list("pk", flat=True))
    first = threads[0]
    add_voices(round_, [Voice(Contribution.Kind.INDIVIDUAL, {first: p}) for p in (4, 6, 8, 10, 12)])
    add_voices(round_, [Voice(USER, {first: 18}) for _ in range(4)])  # too few to show
    team = Placement.objects.get(contribution__round=round_, contribution__kind=Contribution.Kind.TEAM, thread=first)

    agreed = consensus_record(round_=round_, thread=team.thread, position=9, version=team.version, by=people.lead)

    assert (agreed.position, agreed.version) == (9, team.version + 1)
    stored = Placement.objects.get(pk=team.pk).agreed_from
    assert stored is not None
    assert set(stored) == {"agreed_at", STAFF}
    assert stored[STAFF]["count"] == 5
    assert stored[STAFF]["median"] == 8.0
    assert (stored[STAFF]["lowest"], stored[STAFF]["highest"]) == (4, 12)
    assert stored[STAFF]["agreement"] == round_overlay(round_).threads[0].group(STAFF).agreement
    assert "18" not in str({k: v for k, v in stored.items() if k != "agreed_at"})  # the time may hold "18"


def test_an_agreed_bead_from_an_old_version_is_a_conflict_and_keeps_nothing(round_, people):
    team = Placement.objects.get(
        contribution__round=round_, contribution__kind=Contribution.Kind.TEAM, thread__position=1
    )
    consensus_record(round_=round_, thread=team.thread, position=5, version=team.version, by=people.lead)
    with pytest.raises(services.EditConflictError):
        consensus_record(round_=round_, thread=team.thread, position=15, version=team.version, by=people.admin)
    team.refresh_from_db()
    assert team.position == 5
