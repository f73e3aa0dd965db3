"""Small numbers are never shown: properties of the overlay over random rounds.

Each example builds a round's voices at random (0–15 staff members, 0–15 service users, each service
user taking part through a link or by proxy, with or without sharing a comment, beads anywhere on the
scale, threads skipped, a few contributions that do not count) and checks, for both audiences (inside
the organisation, 5; outside it, 10) and every filter (all, self, proxy):

(a) every group shown has exactly the released beads of its blocks (staff; service users through a
    link; service users by proxy): each block's first whole batches of the threshold, in the order
    they came in, and nothing of the answers after the last full batch;
(b) a filtered part and the whole, both shown, never differ by 1 to threshold − 1 people (ADR 0014);
(c) a hidden group looks the same, in the overlay and in the API's JSON, with nobody or a few in it;
(d) the gap and everyone's agreement are given only when both groups show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpie.assessments import services
from openpie.assessments.models import Contribution, Round
from openpie.assessments.overlay.privacy import INSIDE, OUTSIDE, small_group_threshold
from openpie.assessments.overlay.selectors import ENTERED, SERVICE_USERS, STAFF, RoundOverlay, round_overlay
from openpie.assessments.tests.api_operations import Voice, add_voices, client_for_token
from openpie.assessments.tests.factories import make_round

pytestmark = pytest.mark.django_db

EXAMPLES = 40
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

STAFF_KIND = Contribution.Kind.INDIVIDUAL
USER = Contribution.Kind.SERVICE_USER
GROUP_KIND = {STAFF: STAFF_KIND, SERVICE_USERS: USER}
AUDIENCES = (INSIDE, OUTSIDE)
FILTERS = tuple(ENTERED)
VIA = {"self": "link", "proxy": "proxy"}
NOT_COUNTED = (Contribution.State.STARTED, Contribution.State.WITHDRAWN, Contribution.State.VOIDED)
THREADS = 5  # the short form of the default framework

# A voice as drawn: kind, beads by thread index, via, shares comments, comment, state.
Drawn = tuple[str, tuple[int | None, ...], str, bool, str, str]

# A bead: somewhere on the 20 positions, or (about one time in five) the thread skipped.
bead = st.integers(-4, 20).map(lambda p: p if p > 0 else None)


@st.composite
def voice(draw: Any, kind: str, state: str = Contribution.State.SUBMITTED) -> Drawn:
    """A voice as plain data (thread ids are only known inside the test): kind, beads by thread
    index, how a service user took part, and what they said."""
    return (
        kind,
        tuple(draw(bead) for _ in range(THREADS)),
        draw(st.sampled_from(["link", "proxy"])),
        draw(st.booleans()),
        draw(st.sampled_from(["", "More time to talk", "The rules are fair"])),
        state,
    )


def voices(kind: str, low: int = 0, high: int = 15) -> st.SearchStrategy[list[Drawn]]:
    return st.lists(voice(kind), min_size=low, max_size=high)


def not_counted() -> st.SearchStrategy[list[Drawn]]:
    kinds = st.sampled_from([STAFF_KIND, USER])
    return st.lists(st.tuples(kinds, st.sampled_from(NOT_COUNTED)).flatmap(lambda ks: voice(*ks)), max_size=3)


def _build(threads: Sequence[int], drawn: Sequence[Drawn]) -> list[Voice]:
    return [
        Voice(kind, dict(zip(threads, beads, strict=True)), via, shares, comment, state)
        for kind, beads, via, shares, comment, state in drawn
    ]


def _counted(drawn: Sequence[Voice], thread: int, group: str, entered: str, threshold: int) -> list[int]:
    """What the overlay should count, worked out here from the data alone: per block, in the order the
    voices came in, the first whole batches of ``threshold``."""
    blocks: dict[str, list[int]] = {}
    for v in drawn:
        position = v.positions[thread]
        if v.state != Contribution.State.SUBMITTED or v.kind != GROUP_KIND[group] or position is None:
            continue
        if group == STAFF or entered == "all" or v.via == VIA[entered]:
            blocks.setdefault("" if group == STAFF else v.via, []).append(position)
    return sorted(p for block in blocks.values() for p in block[: len(block) // threshold * threshold])


@pytest.fixture
def round_(people, tree, framework) -> Round:
    made = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=made)
    assert made.threads.count() == THREADS
    return Round.objects.select_related("framework").get(pk=made.pk)


@pytest.fixture
def thread_ids(round_) -> list[int]:
    return list(round_.threads.order_by("position").values_list("pk", flat=True))


def _overlays(round_: Round) -> dict[tuple[str, str], RoundOverlay]:
    return {(a, e): round_overlay(round_, audience=a, entered=e) for a in AUDIENCES for e in FILTERS}


# (a) and (b) and (d) ----------------------------------------------------------------------------


@PROPERTY
@given(staff=voices(STAFF_KIND), users=voices(USER), extra=not_counted())
def test_shown_groups_are_large_enough_never_differ_by_a_few_and_are_compared_only_when_both_show(
    round_, thread_ids, staff, users, extra
):
    with transaction.atomic():
        drawn = _build(thread_ids, staff + users + extra)
        add_voices(round_, drawn)
        overlays = _overlays(round_)

        for (audience, entered), overlay in overlays.items():
            threshold = small_group_threshold(audience)
            assert overlay.threshold == threshold
            for found in overlay.threads:
                thread = found.summary.thread.pk
                for group in found.groups:
                    expected = _counted(drawn, thread, group.key, entered, threshold)
                    # (a) shown exactly when something is released, and then exactly the released beads
                    if group.shown:
                        assert len(expected) >= threshold
                        assert len(expected) % threshold == 0
                        assert list(group.positions) == expected
                        assert group.count == len(expected)
                    else:
                        assert expected == []
                        assert (group.count, group.positions, group.spread, group.agreement) == (None, (), None, None)
                # (d) comparisons across groups only when both show
                both = all(g.shown for g in found.groups)
                assert (found.gap is not None) is both
                assert (found.agreement_everyone is not None) is both
                if both:
                    users_, staff_ = found.group(SERVICE_USERS).spread, found.group(STAFF).spread
                    assert users_ is not None
                    assert staff_ is not None
                    assert found.gap == users_.median - staff_.median
                if not found.group(SERVICE_USERS).shown:
                    assert found.comments == []

        # (b) no subtraction: a filtered part and the whole, both shown, differ by none or by enough
        for audience in AUDIENCES:
            threshold = small_group_threshold(audience)
            unfiltered = overlays[audience, "all"]
            for entered in ("self", "proxy"):
                filtered = overlays[audience, entered]
                for all_thread, part_thread in zip(unfiltered.threads, filtered.threads, strict=True):
                    assert part_thread.group(STAFF) == all_thread.group(STAFF)  # staff are never filtered
                    big, small = all_thread.group(SERVICE_USERS), part_thread.group(SERVICE_USERS)
                    big_count, small_count = big.count or 0, small.count or 0
                    assert (big_count - small_count) % threshold == 0
        transaction.set_rollback(True)


# (c) --------------------------------------------------------------------------------------------


def _rendering(overlay: RoundOverlay) -> list[tuple[Any, ...]]:
    """Everything the overlay shows of each thread's voices."""
    return [(tuple(t.groups), t.gap, t.agreement_everyone, tuple(t.comments)) for t in overlay.threads]


@PROPERTY
@given(
    hidden_group=st.sampled_from([STAFF, SERVICE_USERS]),
    audience=st.sampled_from(AUDIENCES),
    entered=st.sampled_from(FILTERS),
    others=st.data(),
    few=st.data(),
)
def test_a_hidden_group_looks_the_same_with_nobody_or_a_few_in_it(
    round_, thread_ids, people, hidden_group, audience, entered, others, few
):
    threshold = small_group_threshold(audience)
    shown_group = SERVICE_USERS if hidden_group == STAFF else STAFF
    other = others.draw(voices(GROUP_KIND[shown_group]), label="the other group")
    hidden = few.draw(voices(GROUP_KIND[hidden_group], 1, threshold - 1), label="a few people")
    client = client_for_token(people.admin)
    url = f"/rounds/{round_.pk}/overlay?entered={entered}"

    with transaction.atomic():
        add_voices(round_, _build(thread_ids, other))
        nobody = _rendering(round_overlay(round_, audience=audience, entered=entered))
        nobody_json = client.get(url).json()

        add_voices(round_, _build(thread_ids, hidden))
        a_few = _rendering(round_overlay(round_, audience=audience, entered=entered))
        a_few_json = client.get(url).json()

        assert a_few == nobody
        if threshold == small_group_threshold(INSIDE) or len(hidden) < small_group_threshold(INSIDE):
            assert a_few_json == nobody_json  # the API speaks to people inside the organisation
        for thread in a_few_json["threads"]:
            group = next(g for g in thread["groups"] if g["key"] == hidden_group)
            if len(hidden) < small_group_threshold(INSIDE):
                assert group["shown"] is False
                assert group["count"] is None
                assert group["positions"] == []
                assert group["median"] is None
        transaction.set_rollback(True)
