"""The demo as a newcomer finds it: one seed, checked page by page; seeding again adds nothing.

Seeding the whole locality takes a few seconds, so each test seeds once and checks much.
"""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from openpie.accounts.models import User
from openpie.assessments.models import BarrierStatus, Contribution, Evidence, Factor, Placement, Round
from openpie.assessments.overlay.selectors import SERVICE_USERS, STAFF, round_overlay
from openpie.barriers.calls import call_tracker
from openpie.barriers.counts import answer_rates
from openpie.barriers.models import BarrierResponse, LocalityCall
from openpie.insights.selectors import OverviewFilters, unit_overview
from openpie.organisations.models import Membership, Organisation, Unit
from openpie.reviews.models import PeerReview
from openpie.sharing.models import SharingGrant

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(framework) -> str:
    started = time.perf_counter()
    output = _seed()
    print(f"seed_demo took {time.perf_counter() - started:.1f} s")
    return output


def test_harbour_house_has_a_closed_round_its_next_round_and_the_day_centre_a_check_in(seeded):
    assert "Demo rounds added" in seeded
    closed = Round.objects.get(unit__name="Harbour House", state=Round.State.CLOSED)
    current = Round.objects.get(previous=closed)
    assert current.state == Round.State.OPEN
    ghosts = Placement.objects.filter(thread__round=current).exclude(previous_position=None)
    assert ghosts.count() == closed.threads.count() == 5
    assert current.actions.filter(carried_from__isnull=False).count() == 2
    assert Round.objects.filter(form=Round.Form.CHECK_IN, check_in__going_well__contains="Breakfast").exists()
    # many voices: staff members and service users side by side on the overlay
    assert "five team members' own beads" in seeded
    assert "six people took part" in seeded
    thread = round_overlay(current).threads[3]  # spaces of opportunity
    assert thread.group(STAFF).count == 5
    assert thread.group(SERVICE_USERS).count == 5  # six took part: the first batch of five shows
    assert thread.gap is not None
    assert thread.gap < 0
    assert "Let us help choose how the lounge looks." in thread.comments
    assert "More things to do in the evening." not in thread.comments  # that person did not agree to share it
    # a finished peer review from another organisation
    review = PeerReview.objects.select_related("round__unit", "reviewer_unit__organisation").get()
    assert review.state == "submitted"
    assert review.round == closed
    assert review.reviewer_unit is not None
    assert review.reviewer_unit.organisation.name == "Northgate Housing Association"
    assert not Membership.objects.filter(user=review.reviewer, unit__organisation=closed.unit.organisation)
    assert review.thread_reviews.exclude(response="").count() == 3


def test_the_demo_is_a_locality_of_three_organisations_with_two_years_of_rounds(seeded):
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Riverside Housing Trust"] == Organisation.Kind.AGENCY
    assert kinds["Open Minds Mental Health"] == Organisation.Kind.AGENCY
    assert kinds["County Council Commissioning Team"] == Organisation.Kind.COMMISSIONER
    with_rounds = Unit.objects.filter(kind=Unit.Kind.SERVICE, rounds__isnull=False).distinct()
    assert with_rounds.count() >= 15
    held = Round.objects.exclude(form=Round.Form.CHECK_IN).values_list("held_on", flat=True)
    assert (timezone.localdate() - min(held)).days >= 365 + 300  # two years of rounds, nearly
    scopes = set(SharingGrant.objects.filter(state=SharingGrant.State.ACCEPTED).values_list("scope", flat=True))
    assert scopes == {"overview", "barriers", "both"}
    call = LocalityCall.objects.get()  # the commissioner's call, with a tracker of who has answered
    tracker = call_tracker(call=call)
    assert len(tracker) >= 5
    assert Evidence.objects.filter(text__icontains="relationship").count() >= 5
    assert Evidence.objects.filter(text__icontains="trust").exists()


def test_the_demos_barriers_are_answered_changed_resolved_and_some_carried(seeded):
    raised = Factor.objects.filter(effect="hinders", control="outside", origin__isnull=True)
    assert raised.count() >= 20
    assert raised.values("barrier_kind").distinct().count() >= 5
    statuses = set(raised.values_list("barrier_status", flat=True))
    assert {BarrierStatus.OPEN, BarrierStatus.ANSWERED, BarrierStatus.CHANGE_AGREED} <= statuses
    assert {BarrierStatus.RESOLVED, BarrierStatus.NO_LONGER_RELEVANT} <= statuses
    assert Factor.objects.filter(origin__isnull=False).exists()  # open ones carried into later rounds
    assert BarrierResponse.objects.count() >= 15
    # the commissioner's answers are counted, with waits of weeks (dated as the story tells them)
    council = Organisation.objects.get(name="County Council Commissioning Team")
    [rates] = [
        r for r in answer_rates(barriers=Factor.objects.all(), start=None, end=None) if r.organisation == council
    ]
    assert rates.overall.seen == raised.count()
    assert 50 <= (rates.overall.response_rate or 0) < 100
    assert rates.overall.median_days is not None
    assert rates.overall.median_days >= 14


@pytest.mark.parametrize(
    ("email", "audience"), [("admin@openpie.example", "inside"), ("commissioner@openpie.example", "outside")]
)
def test_the_overview_shows_the_housing_association_at_the_top_for_its_admin_and_the_commissioner(
    email, audience, framework
):
    _seed()
    viewer = User.objects.get(email=email)
    root = Unit.objects.get(organisation__name="Riverside Housing Trust", parent__isnull=True)
    found = unit_overview(unit=root, viewer=viewer, filters=OverviewFilters())
    assert found.audience == audience
    assert found.units_counted >= found.team_threshold
    assert all(theme.teams.shown for theme in found.themes)
    assert sum(theme.barriers for theme in found.themes) > 0
    assert len(found.quarters) >= 4  # progress over time
    assert any(point.group.shown for point in found.progress)


def test_seeding_again_adds_nothing(framework):
    _seed()
    counts = (Round.objects.count(), Contribution.objects.count(), Factor.objects.count(), PeerReview.objects.count())
    output = _seed()
    for step in ("Demo rounds added", "Many voices added", "Service users' views added", "locality added"):
        assert step not in output
    assert "real organisations" not in output
    assert (
        Round.objects.count(),
        Contribution.objects.count(),
        Factor.objects.count(),
        PeerReview.objects.count(),
    ) == counts
    assert User.objects.filter(email="commissioner@openpie.example").count() == 1


def test_a_database_with_real_organisations_gets_no_demo(framework):
    from openpie.organisations import services

    services.organisation_create(name="A real charity", kind=Organisation.Kind.AGENCY)
    assert "the demo was not added" in _seed()
    assert not Round.objects.exists()
    assert not Organisation.objects.filter(name="Riverside Housing Trust").exists()
