"""The overview counts a unit's open barriers: carried from an earlier round until resolved, never twice."""

from __future__ import annotations

import datetime

import pytest

from openpie.assessments import services as rounds
from openpie.assessments.models import Round
from openpie.assessments.tests.factories import place
from openpie.barriers.lifecycle import barrier_status_set
from openpie.barriers.models import BarrierStatusChange
from openpie.insights.selectors import OverviewFilters, Period, unit_overview

pytestmark = pytest.mark.django_db


def _barriers(world, period=None):
    found = unit_overview(unit=world.tree.root, viewer=world.people.admin, filters=OverviewFilters(), period=period)
    thread = found.thread(world.round.thread.key)
    assert thread is not None
    return thread.barriers, [u.barriers for u in thread.units]


def _next_round(world):
    first = world.round.round
    rounds.round_submit(round_=first)
    rounds.round_close(round_=first)
    later = rounds.round_next(previous=first, by=world.people.staff, held_on=first.held_on + datetime.timedelta(days=1))
    rounds.round_open(round_=later)
    place(later, world.round.thread.key, 9, by=world.people.staff)
    return later


def test_a_resolved_barrier_drops_out_of_the_overviews_count(world):
    assert _barriers(world) == (1, [1])
    barrier_status_set(factor=world.round.barrier, to="resolved", by=world.people.staff)
    assert _barriers(world) == (0, [0])


def test_a_barrier_no_longer_relevant_drops_out_too(world):
    barrier_status_set(factor=world.round.barrier, to="no_longer_relevant", by=world.people.staff)
    assert _barriers(world) == (0, [0])


def test_an_open_barrier_carried_from_the_previous_round_counts_once_beside_the_new_round(world):
    later = _next_round(world)
    found = unit_overview(unit=world.tree.root, viewer=world.people.admin, filters=OverviewFilters())
    thread = found.thread(world.round.thread.key)
    assert thread is not None
    assert [u.round_id for u in thread.units] == [later.pk]
    assert _barriers(world) == (1, [1])
    # resolving it (on any copy) takes it out of the count
    barrier_status_set(factor=world.round.barrier, to="resolved", by=world.people.staff)
    assert _barriers(world) == (0, [0])


def test_a_period_counts_the_barriers_open_at_its_end(world):
    Round.objects.filter(pk=world.round.round.pk).update(held_on=datetime.date(2026, 1, 10))
    barrier_status_set(factor=world.round.barrier, to="resolved", by=world.people.staff)
    resolved = datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC)
    BarrierStatusChange.objects.filter(factor=world.round.barrier).update(changed_at=resolved)
    january = Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31))
    assert _barriers(world, january) == (1, [1])
    assert _barriers(world, Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 1))) == (0, [0])
