"""The overview's figures: which rounds count, filters, small groups, gaps, distance, and a fixed query count."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpie.assessments.models import Contribution, Round
from openpie.assessments.overlay.privacy import INSIDE, OUTSIDE, release_point, small_group_threshold, team_threshold
from openpie.insights.selectors import OverviewFilters, Period, unit_overview
from openpie.insights.tests.factories import FIRST, Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db
ALL = OverviewFilters()


def _overview(tree, people, **kwargs):
    return unit_overview(
        unit=kwargs.pop("unit", tree.root), viewer=people.admin, filters=kwargs.pop("filters", ALL), **kwargs
    )


def test_each_unit_counts_once_with_its_latest_round(tree, people, framework):
    units = bulk_units(tree.service, 5)
    bulk_rounds(units, framework, held_on=datetime.date(2024, 1, 10), beads=Beads(position=2))
    bulk_rounds(units, framework, held_on=datetime.date(2025, 1, 10), beads=Beads(position=12))
    bulk_rounds(units, framework, held_on=datetime.date(2026, 1, 10), beads=Beads(position=19), state=Round.State.DRAFT)

    found = _overview(tree, people)

    first = found.thread(FIRST)
    assert found.units_counted == 5
    assert first is not None
    assert first.teams.count == 5
    assert first.teams.median == 12
    assert {u.held_on for u in first.units} == {datetime.date(2025, 1, 10)}


def test_a_period_takes_each_units_latest_round_within_it(tree, people, framework):
    units = bulk_units(tree.service, 5)
    bulk_rounds(units, framework, held_on=datetime.date(2024, 1, 10), beads=Beads(position=2))
    bulk_rounds(units, framework, held_on=datetime.date(2025, 1, 10), beads=Beads(position=12))

    found = _overview(tree, people, period=Period(end=datetime.date(2024, 12, 31)))

    assert found.thread(FIRST).teams.median == 2
    assert found.quarters == ["2024 Q1"]


def test_filters_narrow_the_units(tree, people, framework):
    hostels = bulk_units(tree.service, 5, client_group="homelessness", service_type="hostel")
    outreach = bulk_units(tree.locality, 6, client_group="mental_health", service_type="outreach")
    bulk_rounds(hostels, framework, beads=Beads(position=4))
    bulk_rounds(outreach, framework, beads=Beads(position=16))

    assert _overview(tree, people).thread(FIRST).teams.count == 11
    by_group = _overview(tree, people, filters=OverviewFilters(client_group="mental_health"))
    assert by_group.thread(FIRST).teams.median == 16
    by_type = _overview(tree, people, filters=OverviewFilters(service_type="hostel"))
    assert by_type.thread(FIRST).teams.median == 4
    below_service = _overview(tree, people, filters=OverviewFilters(locality=tree.service))
    assert below_service.units_counted == 5


def test_inside_the_organisation_even_a_few_units_teams_beads_show(tree, people, framework):
    """A team's agreed bead is the team's, no one person's: a small agency sees its units' spread."""
    units = bulk_units(tree.service, 3)
    bulk_rounds(units, framework, beads=Beads(position=8, target=12))

    thread = _overview(tree, people).thread(FIRST)

    assert thread is not None
    assert thread.teams.shown
    assert thread.teams.count == 3
    assert thread.teams.median == 8
    assert thread.target_gap.median == 4


def test_outside_the_organisation_too_few_units_show_nothing_and_look_like_none(tree, people, framework):
    units = bulk_units(tree.service, 9)
    bulk_rounds(units, framework, beads=Beads(position=8, target=12))

    thread = _overview(tree, people, audience=OUTSIDE).thread(FIRST)

    assert thread is not None
    assert not thread.teams.shown
    assert thread.teams.count is None
    assert thread.teams.median is None
    assert not thread.target_gap.shown
    assert len(thread.units) == 9  # gathered for the pooled figures; the page lists units only inside


def test_gap_to_target_is_the_median_of_target_minus_position(tree, people, framework):
    units = bulk_units(tree.service, 6)
    beads = [Beads(position=p, target=t) for p, t in [(5, 10), (6, 8), (10, 10), (3, 9), (7, 8), (9, None)]]
    bulk_rounds(units, framework, beads=beads)

    thread = _overview(tree, people).thread(FIRST)

    assert thread.target_gap.count == 5  # the unit without a target does not count
    assert thread.target_gap.median == 2  # gaps 5, 2, 0, 6, 1


def test_distance_travelled_is_counted_per_bucket(tree, people, framework):
    units = bulk_units(tree.service, 6)
    moves = [(10, 14), (10, 10), (10, 9), (10, 2), (10, 11), (10, 17)]
    bulk_rounds(units, framework, beads=[Beads(position=after, previous=before) for before, after in moves])

    found = _overview(tree, people)

    every = found.distance[0]
    assert every.name == "Every theme"
    assert every.counts == (5, 5, 5, 5, 5, 5)
    assert found.distance[1].counts == (1, 1, 1, 1, 1, 1)


def test_staff_and_service_users_are_pooled_apart_and_their_gap_needs_both(tree, people, framework):
    units = bulk_units(tree.service, 5)
    bulk_rounds(units[:2], framework, beads=Beads(staff=[6, 8, 6, 8, 7], service_users=[12, 14, 12, 14, 13]))
    bulk_rounds(units[2:], framework, beads=Beads(staff=[1, 1], service_users=[20]))  # blocks too small to count

    thread = _overview(tree, people).thread(FIRST)

    assert thread.staff.count == 10
    assert thread.staff.median == 7
    assert thread.staff.spread.lowest == 6  # not 1: that belongs to a block under five
    assert thread.service_users.count == 10
    assert thread.service_users.median == 13
    assert thread.service_users.spread.highest == 14  # not 20
    assert thread.staff_service_user_gap == 6
    outside = _overview(tree, people, audience=OUTSIDE).thread(FIRST)
    assert not outside.staff.shown
    assert not outside.service_users.shown
    assert outside.staff_service_user_gap is None


PROPERTY = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(
    units=st.lists(
        st.tuples(
            st.integers(1, 20),
            st.lists(st.integers(1, 20), max_size=12),
            st.lists(st.integers(1, 20), max_size=12),
            st.booleans(),
        ),
        max_size=12,
    ),
    audience=st.sampled_from([INSIDE, OUTSIDE]),
)
def test_no_group_under_the_threshold_is_ever_shown(tree, people, framework, units, audience):
    """Random numbers of units and voices (some not counted): every shown group has at least the threshold,
    and staff members and service users count only each unit's whole batches of the threshold."""
    threshold = small_group_threshold(audience)
    teams_at = team_threshold(audience)
    sid = transaction.savepoint()
    try:
        made = bulk_units(tree.service, len(units))
        beads = [
            Beads(
                position=p,
                staff=s,
                service_users=u,
                state=Contribution.State.SUBMITTED if counted else Contribution.State.WITHDRAWN,
            )
            for p, s, u, counted in units
        ]
        bulk_rounds(made, framework, beads=beads)
        counted_staff = sum(release_point(len(s), threshold) for _p, s, _u, c in units if c)
        counted_users = sum(release_point(len(u), threshold) for _p, _s, u, c in units if c)

        found = _overview(tree, people, audience=audience)

        for thread in found.themes:
            for group, real, at_least in (
                (thread.teams, len(units), teams_at),
                (thread.staff, counted_staff, threshold),
                (thread.service_users, counted_users, threshold),
            ):
                assert group.shown == (real >= at_least)
                assert group.count == (real if real >= at_least else None)
            assert (thread.staff.count or 0) % threshold == 0
            assert (thread.service_users.count or 0) % threshold == 0
            if thread.staff_service_user_gap is not None:
                assert thread.staff.shown
                assert thread.service_users.shown
        for point in found.progress:
            assert not point.group.shown or point.group.count >= teams_at
        assert found.drill_down == (audience == INSIDE)
    finally:
        transaction.savepoint_rollback(sid)


@pytest.mark.parametrize("count", [5, 500])
def test_the_number_of_queries_does_not_grow_with_units(count, tree, people, framework, django_assert_max_num_queries):
    units = bulk_units(tree.service, count)
    beads = Beads(position=9, target=12, previous=7, staff=[8], service_users=[11], barriers=1)
    bulk_rounds(units, framework, held_on=datetime.date(2024, 6, 1), beads=beads)
    bulk_rounds(units, framework, held_on=datetime.date(2025, 6, 1), beads=beads)
    people.admin.refresh_from_db()

    with django_assert_max_num_queries(12) as captured:  # 8 (with the level below), and 4 for the names
        found = _overview(tree, people)

    assert found.units_counted == count
    # each unit's two rounds raised a barrier apiece, neither resolved: both are open
    assert found.thread(FIRST).barriers == 2 * count
    print(f"{count} units: {len(captured.captured_queries)} queries")
