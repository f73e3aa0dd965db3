"""The overlay: figures for a group's beads (median, quartiles, r_wg), what may be shown, and a round's
overlay: groups never pooled, the gap, comments, what counts, and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.test import override_settings

from openpie.assessments import services
from openpie.assessments.models import Contribution, Round
from openpie.assessments.overlay.privacy import (
    INSIDE,
    OUTSIDE,
    next_release,
    release_point,
    released,
    small_group_threshold,
)
from openpie.assessments.overlay.selectors import SERVICE_USERS, STAFF, round_overlay
from openpie.assessments.overlay.stats import Spread, agreement, agreement_words
from openpie.assessments.tests.api_operations import Voice, add_voices
from openpie.assessments.tests.factories import make_round, place

STAFF_KIND = Contribution.Kind.INDIVIDUAL
USER = Contribution.Kind.SERVICE_USER
State = Contribution.State


# Figures ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("positions", "median", "q1", "q3", "lowest", "highest"),
    [
        ([1, 2, 3, 4, 5], 3.0, 2.0, 4.0, 1, 5),
        ([8, 2, 6, 4], 5.0, 3.5, 6.5, 2, 8),
        ([7], 7.0, 7.0, 7.0, 7, 7),
        ([10, 10, 10, 20, 20, 1], 10.0, 10.0, 17.5, 1, 20),
    ],
)
def test_a_spread_has_the_median_the_middle_half_and_the_range(positions, median, q1, q3, lowest, highest):
    spread = Spread.of(positions)
    assert (spread.count, spread.median, spread.lower_quartile, spread.upper_quartile) == (
        len(positions),
        median,
        q1,
        q3,
    )
    assert (spread.lowest, spread.highest) == (lowest, highest)


def test_a_spread_of_nothing_is_refused():
    with pytest.raises(ValueError, match="at least one bead"):
        Spread.of([])


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ([10, 10, 10, 10, 10], 1.0),  # everyone in one place
        ([9, 10, 11, 10, 10], 0.98),  # variance 0.5 against 33.25 expected by chance on 20 positions
        ([6, 8, 10, 12, 14], 0.7),  # variance 10
        ([2, 6, 10, 14, 18], 0.0),  # variance 40: wider than chance, kept at 0
        ([1, 20, 1, 20], 0.0),
        ([7], None),  # one bead says nothing about agreement
        ([], None),
    ],
)
def test_agreement_is_r_wg_against_a_uniform_spread_over_twenty_positions(positions, expected):
    assert agreement(positions, 20) == expected


def test_agreement_depends_on_how_many_positions_the_scale_has():
    assert agreement([1, 2, 3], 12) == round(1 - 1 / ((12**2 - 1) / 12), 2)
    assert agreement([1, 2], 1) is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1.0, "Very strong agreement"),
        (0.9, "Very strong agreement"),
        (0.89, "Strong agreement"),
        (0.7, "Strong agreement"),
        (0.69, "Moderate agreement"),
        (0.5, "Moderate agreement"),
        (0.49, "Weak agreement"),
        (0.3, "Weak agreement"),
        (0.29, "Little or no agreement"),
        (0.0, "Little or no agreement"),
        (None, "Not enough beads to tell"),
    ],
)
def test_agreement_is_said_in_words_by_band(value, words):
    assert agreement_words(value) == words


# What may be shown ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "shown", "following"),
    [
        (0, 0, 5),
        (4, 0, 5),
        (5, 5, 10),
        (9, 5, 10),  # the four after the first batch wait for a fifth
        (10, 10, 15),
        (14, 10, 15),
        (16, 15, 20),
    ],
)
def test_a_block_is_shown_in_whole_batches_of_the_threshold(count, shown, following):
    assert (release_point(count, 5), next_release(count, 5)) == (shown, following)
    assert released(list(range(count)), 5) == list(range(shown))  # the first answers, in the order they came


def test_a_negative_count_or_an_empty_threshold_is_an_error():
    with pytest.raises(ValueError, match="fewer than no answers"):
        release_point(-1, 5)
    with pytest.raises(ValueError, match="at least one person"):
        release_point(3, 0)


def test_the_thresholds_can_be_raised_but_never_lowered():
    assert (small_group_threshold(INSIDE), small_group_threshold(OUTSIDE)) == (5, 10)
    with override_settings(OPENPIE_SMALL_GROUP_INSIDE=2, OPENPIE_SMALL_GROUP_OUTSIDE=3):
        assert (small_group_threshold(INSIDE), small_group_threshold(OUTSIDE)) == (5, 10)
    with override_settings(OPENPIE_SMALL_GROUP_INSIDE=8, OPENPIE_SMALL_GROUP_OUTSIDE=20):
        assert (small_group_threshold(INSIDE), small_group_threshold(OUTSIDE)) == (8, 20)


# A round's overlay ------------------------------------------------------------------------------


@pytest.fixture
def round_(people, tree, framework) -> Round:
    made = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=made)
    return made


def _first(round_: Round) -> int:
    return round_.threads.order_by("position").values_list("pk", flat=True)[0]


def _voices(round_: Round, kind: str, positions: list[int], **more: object) -> list[Contribution]:
    thread = _first(round_)
    return add_voices(round_, [Voice(kind, {thread: p}, **more) for p in positions])  # type: ignore[arg-type]


def test_staff_and_service_users_are_never_pooled(round_):
    _voices(round_, STAFF_KIND, [4, 4, 5, 5, 6])
    _voices(round_, USER, [15, 16, 16, 17, 18])
    first = round_overlay(round_).threads[0]
    staff, users = first.group(STAFF), first.group(SERVICE_USERS)
    assert (staff.count, staff.positions, staff.spread and staff.spread.median) == (5, (4, 4, 5, 5, 6), 5.0)
    assert (users.count, users.positions, users.spread and users.spread.median) == (5, (15, 16, 16, 17, 18), 16.0)
    assert staff.agreement == agreement([4, 4, 5, 5, 6], 20)
    assert first.agreement_everyone == agreement([4, 4, 5, 5, 6, 15, 16, 16, 17, 18], 20)
    assert first.agreement_everyone < min(staff.agreement or 0, users.agreement or 0)  # type: ignore[operator]


@pytest.mark.parametrize(("staff_at", "users_at", "gap"), [(5, 15, 10.0), (15, 5, -10.0), (9, 9, 0.0)])
def test_the_gap_is_service_users_median_minus_staff_median(staff_at, users_at, gap, round_):
    _voices(round_, STAFF_KIND, [staff_at] * 5)
    _voices(round_, USER, [users_at] * 5)
    assert round_overlay(round_).threads[0].gap == gap


def test_the_team_bead_is_in_the_overlay(round_, people):
    thread = round_.threads.order_by("position")[0]
    place(round_, thread.key, 11, by=people.staff)
    first = round_overlay(round_).threads[0]
    assert first.summary.placement is not None
    assert first.summary.placement.position == 11


def test_comments_are_shown_only_with_consent_and_only_when_the_group_shows(round_):
    _voices(round_, USER, [10, 11], shares_comments=True, comment="Staff are kind")
    _voices(round_, USER, [12, 13], shares_comments=False, comment="Keep this to myself")
    assert round_overlay(round_).threads[0].comments == []  # four people: the group is hidden

    _voices(round_, USER, [14], shares_comments=True, comment="  More activities  ")
    _voices(round_, STAFF_KIND, [8] * 5, comment="Staff words are not service users' comments")
    first = round_overlay(round_).threads[0]
    assert first.group(SERVICE_USERS).count == 5
    assert first.comments == ["More activities", "Staff are kind", "Staff are kind"]


def test_a_filter_shows_only_the_comments_of_the_part_it_keeps(round_):
    _voices(round_, USER, [3] * 5, via="link", shares_comments=True, comment="I said this myself")
    _voices(round_, USER, [9] * 5, via="proxy", shares_comments=True, comment="My keyworker typed this")
    proxied = round_overlay(round_, entered="proxy").threads[0]
    assert proxied.group(SERVICE_USERS).positions == (9,) * 5
    assert set(proxied.comments) == {"My keyworker typed this"}
    assert round_overlay(round_, entered="self").threads[0].comments == ["I said this myself"] * 5


def test_staff_are_not_filtered_by_how_service_users_took_part(round_):
    _voices(round_, STAFF_KIND, [6] * 5)
    _voices(round_, USER, [3] * 5, via="link")
    proxied = round_overlay(round_, entered="proxy").threads[0]
    assert proxied.group(STAFF).count == 5
    assert proxied.group(SERVICE_USERS).shown is False
    assert proxied.gap is None


@pytest.mark.parametrize("state", [State.STARTED, State.WITHDRAWN, State.VOIDED])
def test_only_submitted_contributions_count(state, round_):
    _voices(round_, USER, [4, 5, 6, 7])
    _voices(round_, USER, [19, 19, 19], state=state)
    _voices(round_, STAFF_KIND, [2] * 4)
    _voices(round_, STAFF_KIND, [20], state=state)
    first = round_overlay(round_).threads[0]
    assert first.group(SERVICE_USERS).shown is False
    assert first.group(STAFF).shown is False
    _voices(round_, USER, [8])
    assert round_overlay(round_).threads[0].group(SERVICE_USERS).positions == (4, 5, 6, 7, 8)


def test_a_skipped_thread_counts_nobody_on_it(round_):
    threads = list(round_.threads.order_by("position").values_list("pk", flat=True))
    add_voices(round_, [Voice(USER, {threads[0]: 5, threads[1]: None}) for _ in range(5)])
    overlay = round_overlay(round_)
    assert overlay.threads[0].group(SERVICE_USERS).count == 5
    assert overlay.threads[1].group(SERVICE_USERS).shown is False


def test_someone_outside_the_organisation_needs_ten(round_):
    _voices(round_, USER, [10] * 7)
    assert round_overlay(round_, audience=INSIDE).threads[0].group(SERVICE_USERS).count == 5  # the first batch
    assert round_overlay(round_, audience=OUTSIDE).threads[0].group(SERVICE_USERS).shown is False


def test_an_unknown_filter_is_an_error(round_):
    with pytest.raises(ValueError, match="Unknown filter"):
        round_overlay(round_, entered="link")


def test_the_overlay_takes_the_same_queries_however_many_took_part(round_, django_assert_num_queries):
    threads = list(round_.threads.values_list("pk", flat=True))
    add_voices(round_, [Voice(USER, dict.fromkeys(threads, 6), via="proxy", shares_comments=True)] * 5)
    fresh = Round.objects.select_related("framework").get(pk=round_.pk)
    with django_assert_num_queries(6) as few:  # threads and what is on them (5), the beads (1)
        round_overlay(fresh, entered="proxy")
    add_voices(round_, [Voice(USER, dict.fromkeys(threads, 9), comment="Hello", shares_comments=True)] * 40)
    add_voices(round_, [Voice(STAFF_KIND, dict.fromkeys(threads, 12))] * 40)
    fresh = Round.objects.select_related("framework").get(pk=round_.pk)
    with django_assert_num_queries(len(few.captured_queries)):
        overlay = round_overlay(fresh)
    assert overlay.threads[0].group(SERVICE_USERS).count == 45
