"""Disclosure control (ADR 0014): figures built from whole released blocks, over random trees and over time.

The pure functions of ``overlay.privacy`` are tested broadly; the overlay itself with a few database-
backed examples. Three properties:

(a) no two figures a viewer can see (different units, filters, groups) differ by 1 to threshold − 1 people;
(b) no position of a suppressed person (a block under the threshold, or an answer after a block's last
    full batch) appears in any figure: not as a listed bead, a median, a quartile or a range end;
(c) one new answer changes no figure unless it completes a batch.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpie.assessments import services
from openpie.assessments.models import Contribution, Round
from openpie.assessments.overlay.privacy import (
    INSIDE,
    OUTSIDE,
    next_release,
    pooled,
    release_of,
    release_point,
    release_words,
    released,
    released_by_group,
    small_group_threshold,
)
from openpie.assessments.overlay.selectors import ENTERED, round_overlay
from openpie.assessments.overlay.stats import Spread
from openpie.assessments.tests.api_operations import Voice, add_voices
from openpie.assessments.tests.factories import make_round

THRESHOLDS = st.sampled_from([5, 10, 7])
PLANTED = 99  # a position no released answer has: it must never appear in a figure

# A tree of blocks: each block is one unit's group (staff, or service users one way) with its answers
# in the order they came in. Units sit under localities, so a viewer can choose subtrees.
block = st.tuples(
    st.integers(0, 3),  # locality
    st.integers(0, 5),  # unit within it
    st.sampled_from(["staff", "link", "proxy"]),
    st.lists(st.integers(1, 20), max_size=25),
)


def _planted(blocks: Sequence[tuple[int, int, str, list[int]]], threshold: int) -> list[tuple[Any, ...]]:
    """Every answer a block will not release is replaced by the planted position."""
    out = []
    for locality, unit, how, answers in blocks:
        kept = release_point(len(answers), threshold)
        out.append((locality, unit, how, answers[:kept] + [PLANTED] * (len(answers) - kept)))
    return out


def _answers(blocks: Sequence[tuple[Any, ...]], threshold: int) -> dict[Any, list[int]]:
    """Every figure a viewer could ask for: any locality or unit (or all), any group, any filter."""
    localities = {b[0] for b in blocks} | {None}
    units = {(b[0], b[1]) for b in blocks} | {None}
    ways = {"staff": ("staff",), "all": ("link", "proxy"), "self": ("link",), "proxy": ("proxy",)}
    figures = {}
    for where, (name, hows) in itertools.product([*localities, *units], ways.items()):
        chosen = [b[3] for b in blocks if b[2] in hows and (where is None or where == b[0] or where == (b[0], b[1]))]
        figures[(where, name)] = pooled(chosen, threshold)
    return figures


@settings(max_examples=300)
@given(count=st.integers(0, 500), threshold=THRESHOLDS)
def test_a_release_is_whole_batches_and_one_more_answer_moves_it_only_at_a_boundary(count, threshold):
    shown = release_point(count, threshold)
    assert shown % threshold == 0
    assert 0 <= count - shown < threshold
    assert next_release(count, threshold) == shown + threshold
    moved = release_point(count + 1, threshold) != shown
    assert moved is ((count + 1) % threshold == 0)
    assert released(list(range(count)), threshold) == list(range(shown))


@settings(max_examples=300)
@given(blocks=st.lists(block, max_size=30), threshold=THRESHOLDS)
def test_no_two_figures_differ_by_a_few_people(blocks, threshold):
    figures = _answers(blocks, threshold)
    for a, b in itertools.combinations(figures.values(), 2):
        assert abs(len(a) - len(b)) == 0 or abs(len(a) - len(b)) >= threshold  # (a)
        assert (len(a) - len(b)) % threshold == 0


@settings(max_examples=300)
@given(blocks=st.lists(block, max_size=30), threshold=THRESHOLDS)
def test_a_suppressed_position_never_appears_in_any_figure(blocks, threshold):
    for figure in _answers(_planted(blocks, threshold), threshold).values():
        assert PLANTED not in figure  # (b): not listed
        if figure:
            spread = Spread.of(figure)
            order_statistics = (spread.lowest, spread.highest, spread.median)
            assert PLANTED not in order_statistics
            assert spread.upper_quartile < PLANTED


@settings(max_examples=300)
@given(blocks=st.lists(block, min_size=1, max_size=20), threshold=THRESHOLDS, data=st.data())
def test_one_new_answer_changes_nothing_until_it_completes_a_batch(blocks, threshold, data):
    before = _answers(blocks, threshold)
    which = data.draw(st.integers(0, len(blocks) - 1), label="the block that gets an answer")
    locality, unit, how, answers = blocks[which]
    grown = [*blocks[:which], (locality, unit, how, [*answers, PLANTED]), *blocks[which + 1 :]]
    after = _answers(grown, threshold)
    crossed = (len(answers) + 1) % threshold == 0
    if not crossed:
        assert after == before  # (c)
    for key, figure in after.items():
        assert len(figure) - len(before[key]) in (0, threshold)  # a whole batch or nothing


@settings(max_examples=200)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from("ab"), st.integers(0, 3), st.integers(0, 10_000), st.integers(1, 20)),
        max_size=60,
        unique_by=lambda r: r[2],
    ),
    threshold=THRESHOLDS,
    shuffle=st.randoms(use_true_random=False),
)
def test_blocks_are_taken_in_the_order_answers_came_in_whatever_order_they_are_read(rows, threshold, shuffle):
    expected = released_by_group(sorted(rows, key=lambda r: r[2]), threshold)
    mixed = list(rows)
    shuffle.shuffle(mixed)
    assert released_by_group(mixed, threshold) == expected
    for group, values in expected.items():
        first: dict[int, list[int]] = {}
        for g, b, _came_in, value in sorted(rows, key=lambda r: r[2]):
            if g == group:
                first.setdefault(b, []).append(value)
        assert values == pooled(first.values(), threshold)


def test_the_page_says_which_answers_it_shows_and_when_it_next_changes():
    one = [release_of("", 12, 5)]
    assert release_words(one, 5) == (
        "Shows the first 10 answers; the next update comes at 15 answers. Figures change only in steps of 5 answers."
    )
    two = [release_of(" through a link", 7, 5), release_of(" by proxy", 3, 5)]
    assert release_words(two, 5).startswith("Shows the first 5 answers through a link; the next update comes at 10")
    assert release_words([release_of("", 4, 5)], 5) == ""


# The overlay, with the database ------------------------------------------------------------------

DATABASE = settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def round_(people, tree, framework) -> Round:
    made = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=made)
    return Round.objects.select_related("framework").get(pk=made.pk)


def _shown(round_: Round) -> dict[tuple[str, str, str, int], tuple[Any, ...]]:
    """Everything each filter of the overlay shows of each group, for both audiences."""
    out = {}
    for audience, entered in itertools.product((INSIDE, OUTSIDE), ENTERED):
        for thread in round_overlay(round_, audience=audience, entered=entered).threads:
            for group in thread.groups:
                key = (audience, entered, group.key, thread.summary.thread.pk)
                out[key] = (group.positions, group.spread, group.agreement, tuple(thread.comments), thread.gap)
    return out


@pytest.mark.django_db
@DATABASE
@given(
    arrivals=st.lists(
        st.tuples(st.sampled_from(["staff", "link", "proxy"]), st.integers(1, 19)), min_size=1, max_size=24
    )
)
def test_the_overlay_changes_only_when_a_batch_completes(round_, arrivals):
    """Answers arrive one at a time; after each, every figure is unchanged unless that answer's block
    reached a multiple of its audience's threshold. No planted (suppressed) position ever shows."""
    thread = round_.threads.order_by("position").values_list("pk", flat=True)[0]
    with transaction.atomic():
        seen: dict[str, int] = {}
        before = _shown(round_)
        for how, position in arrivals:
            seen[how] = seen.get(how, 0) + 1
            kind = Contribution.Kind.INDIVIDUAL if how == "staff" else Contribution.Kind.SERVICE_USER
            via = "link" if how == "staff" else how
            add_voices(round_, [Voice(kind, {thread: position}, via=via, shares_comments=True, comment=f"n{position}")])
            after = _shown(round_)
            for key, figure in after.items():
                audience = key[0]
                threshold = small_group_threshold(audience)
                if seen[how] % threshold:
                    assert figure == before[key]  # (c): nothing moves until the batch is complete
                change = len(figure[0]) - len(before[key][0])
                assert change in (0, threshold)  # a whole batch or nothing
            before = after
        transaction.set_rollback(True)


@pytest.mark.django_db
@DATABASE
@given(
    staff=st.integers(0, 14),
    link=st.integers(0, 14),
    proxy=st.integers(0, 14),
    audience=st.sampled_from([INSIDE, OUTSIDE]),
)
def test_a_planted_position_after_the_last_batch_never_shows(round_, staff, link, proxy, audience):
    """Each block's released answers sit at 1..19; every answer after its last full batch is at 20."""
    threshold = small_group_threshold(audience)
    thread = round_.threads.order_by("position").values_list("pk", flat=True)[0]
    voices = []
    for how, count in (("staff", staff), ("link", link), ("proxy", proxy)):
        kept = release_point(count, threshold)
        kind = Contribution.Kind.INDIVIDUAL if how == "staff" else Contribution.Kind.SERVICE_USER
        for n in range(count):
            text = "planted words" if n >= kept else ""
            voices.append(
                Voice(
                    kind,
                    {thread: 3 if n < kept else 20},
                    via="proxy" if how == "proxy" else "link",
                    shares_comments=True,
                    comment=text,
                )
            )
    with transaction.atomic():
        add_voices(round_, voices)
        for entered in ENTERED:
            found = round_overlay(round_, audience=audience, entered=entered).threads[0]
            assert "planted words" not in found.comments
            for group in found.groups:
                assert 20 not in group.positions
                if group.spread is not None:
                    assert 20 not in (group.spread.lowest, group.spread.highest, group.spread.median)
                    assert group.spread.count % threshold == 0
        transaction.set_rollback(True)
