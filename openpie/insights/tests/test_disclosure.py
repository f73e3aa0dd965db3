"""The overview differenced (ADR 0014): over a random tree of units, every answer one viewer can get
(any unit of the tree, any filter, any period, and each unit's own round overlay) counts staff members
and service users in whole released blocks only.

(a) no two answers' counts of a group on a thread differ by 1 to threshold − 1 people;
(b) a position planted in every suppressed block, and after every block's last full batch, appears in
    no figure (median, quartiles, range ends);
(c) one more answer in a unit's round moves no figure until it completes a batch.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.overlay.privacy import INSIDE, OUTSIDE, release_point, small_group_threshold
from openpie.assessments.overlay.selectors import round_overlay
from openpie.insights.selectors import Overview, OverviewFilters, Period, unit_overview
from openpie.insights.tests.factories import FIRST, Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db

PLANTED = 20  # released answers sit at 1..19; every suppressed one at 20
EARLY, LATE = datetime.date(2024, 3, 1), datetime.date(2025, 3, 1)
PROPERTY = settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A unit: where it sits (0 under the service, 1 under the locality), its client group, when its round
# was held, and how many staff members and service users answered.
unit = st.tuples(
    st.integers(0, 1),
    st.sampled_from(["homelessness", "mental_health"]),
    st.sampled_from([EARLY, LATE]),
    st.integers(0, 22),
    st.integers(0, 22),
)


def _beads(count: int, threshold: int, seed: int) -> list[int]:
    """``count`` answers: the released ones somewhere on 1..19, those after the last full batch planted."""
    kept = release_point(count, threshold)
    return [1 + (seed + n * 7) % 19 for n in range(kept)] + [PLANTED] * (count - kept)


def _make(tree: Any, framework: Any, units: list[tuple[Any, ...]], threshold: int) -> list[Round]:
    rounds = []
    for i, (where, client_group, held_on, staff, users) in enumerate(units):
        parent = tree.service if where == 0 else tree.locality
        made = bulk_units(parent, 1, name=f"Unit {i}", client_group=client_group)
        beads = Beads(position=9, staff=_beads(staff, threshold, i), service_users=_beads(users, threshold, i + 3))
        rounds += bulk_rounds(made, framework, held_on=held_on, beads=beads)
    return rounds


def _answers(tree: Any, people: Any, audience: str) -> list[Overview]:
    places = [tree.root, tree.locality, tree.service]
    filters = [
        OverviewFilters(),
        OverviewFilters(client_group="homelessness"),
        OverviewFilters(client_group="mental_health"),
    ]
    periods = [None, Period(end=EARLY), Period(start=LATE)]
    return [
        unit_overview(unit=place, viewer=people.admin, filters=f, period=p, audience=audience)
        for place, f, p in itertools.product(places, filters, periods)
    ]


def _figures(found: Overview) -> list[tuple[int, Any]]:
    """(count, spread) of every group of people the overview shows, on the first theme."""
    thread = found.thread(FIRST)
    if thread is None:
        return [(0, None), (0, None)]
    return [(g.count or 0, g.spread) for g in (thread.staff, thread.service_users)]


@PROPERTY
@given(units=st.lists(unit, min_size=1, max_size=7), audience=st.sampled_from([INSIDE, OUTSIDE]))
def test_no_two_answers_differ_by_a_few_and_no_suppressed_position_shows(tree, people, framework, units, audience):
    threshold = small_group_threshold(audience)
    with transaction.atomic():
        rounds = _make(tree, framework, units, threshold)
        answers = [fig for found in _answers(tree, people, audience) for fig in _figures(found)]
        if audience == INSIDE:  # the overlay of each unit's round is an answer too, inside the organisation
            for round_ in rounds:
                thread = next(t for t in round_overlay(round_).threads if t.summary.thread.key == FIRST)
                answers += [(g.count or 0, g.spread) for g in thread.groups]
        counts = sorted({count for count, _spread in answers})
        for a, b in itertools.combinations(counts, 2):
            assert b - a >= threshold  # (a)
        for count, spread in answers:
            assert count % threshold == 0
            if spread is not None:  # (b)
                assert PLANTED not in (spread.lowest, spread.highest, spread.median)
                assert spread.upper_quartile < PLANTED
        transaction.set_rollback(True)


@PROPERTY
@given(units=st.lists(unit, min_size=1, max_size=5), which=st.integers(0, 4), kind=st.booleans())
def test_one_more_answer_moves_no_figure_until_it_completes_a_batch(tree, people, framework, units, which, kind):
    threshold = small_group_threshold(INSIDE)
    with transaction.atomic():
        rounds = _make(tree, framework, units, threshold)
        before = [_figures(found) for found in _answers(tree, people, INSIDE)]
        round_ = rounds[which % len(rounds)]
        who = Contribution.Kind.INDIVIDUAL if kind else Contribution.Kind.SERVICE_USER
        had = Contribution.objects.filter(round=round_, kind=who, state=Contribution.State.SUBMITTED).count()
        newcomer = Contribution.objects.create(round=round_, kind=who)
        Placement.objects.bulk_create(
            Placement(contribution=newcomer, thread=t, position=PLANTED) for t in round_.threads.all()
        )
        after = [_figures(found) for found in _answers(tree, people, INSIDE)]
        if (had + 1) % threshold:
            assert after == before  # (c)
        else:
            for was, now in zip(before, after, strict=True):
                for (a, _s), (b, _t) in zip(was, now, strict=True):
                    assert b - a in (0, threshold)
        transaction.set_rollback(True)
