"""The database's choice of released beads (``queries.released_voices``) is the same as the pure fold's
(``voice_blocks`` over every counted bead, ADR 0014): blocks by round, thread and way of taking part,
each showing its first whole batches in the order the answers came in, ties broken by contribution."""

from __future__ import annotations

import datetime
import random

import pytest

from openpie.assessments.models import Contribution, Placement, Thread
from openpie.insights.selectors import voice_blocks
from openpie.insights.selectors.queries import released_voices
from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units
from openpie.participation.models import Participation

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)


def _every_counted_bead(round_ids: list[int]) -> list[tuple[object, ...]]:
    """The rows ``voice_blocks`` reads: every counted bead of the rounds, with how and when it came in."""
    return list(
        Placement.objects.filter(
            thread__round_id__in=round_ids,
            contribution__kind__in=(Contribution.Kind.INDIVIDUAL, Contribution.Kind.SERVICE_USER),
            contribution__state=Contribution.State.SUBMITTED,
            position__isnull=False,
        ).values_list(
            "thread__key",
            "contribution__kind",
            "position",
            "thread__round_id",
            "contribution__participation__via",
            "contribution__submitted_at",
            "contribution__created_at",
            "contribution_id",
        )
    )


def _mixed_voices(tree, framework, seed: int) -> list[int]:
    """Rounds whose voices came in at random times (some at the same moment, some never submitted),
    service users through a link, by proxy or with no record of how, and beads left off some threads."""
    rng = random.Random(seed)
    units = bulk_units(tree.service, 4)
    beads = [
        Beads(staff=[rng.randint(1, 20) for _ in range(rng.randint(0, 13))], service_users=[1] * rng.randint(0, 13))
        for _ in units
    ]
    rounds = bulk_rounds(units, framework, beads=beads)
    ids = [r.pk for r in rounds]
    voices = list(Contribution.objects.filter(round_id__in=ids).exclude(kind=Contribution.Kind.TEAM))
    for index, contribution in enumerate(voices):
        contribution.created_at = START + datetime.timedelta(minutes=rng.randint(0, 5))
        contribution.submitted_at = rng.choice([None, START + datetime.timedelta(minutes=rng.randint(0, 5))])
        if rng.random() < 0.1:
            contribution.state = Contribution.State.WITHDRAWN
        if contribution.kind == Contribution.Kind.SERVICE_USER and rng.random() < 0.8:
            via = rng.choice([Participation.Via.LINK, Participation.Via.PROXY])
            Participation.objects.create(contribution=contribution, via=via, start_key=f"key-{seed}-{index}")
    Contribution.objects.bulk_update(voices, ["created_at", "submitted_at", "state"])
    placements = list(Placement.objects.filter(contribution__in=voices))
    for placement in placements:
        placement.position = None if rng.random() < 0.15 else rng.randint(1, 20)
    Placement.objects.bulk_update(placements, ["position"])
    Placement.objects.filter(pk__in=[p.pk for p in placements if rng.random() < 0.05]).delete()
    return ids


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("threshold", [2, 3, 5])
def test_the_database_releases_the_same_beads_as_the_fold(tree, framework, seed, threshold):
    ids = _mixed_voices(tree, framework, seed)

    chosen = released_voices(set(ids), threshold)
    expected = voice_blocks(_every_counted_bead(ids), threshold)

    assert {group: sorted(beads) for group, beads in chosen.items()} == {
        group: sorted(beads) for group, beads in expected.items() if beads
    }
    assert all(len(beads) % threshold == 0 for beads in chosen.values())


def test_only_the_rounds_asked_for_count_and_none_gives_nothing(tree, framework):
    units = bulk_units(tree.service, 2)
    first, _second = bulk_rounds(units, framework, beads=Beads(staff=[3, 3, 3, 3, 3]))

    assert released_voices(set(), 5) == {}
    found = released_voices({first.pk}, 5)
    keys = set(Thread.objects.filter(round=first).values_list("key", flat=True))
    assert found == {(key, Contribution.Kind.INDIVIDUAL): [3] * 5 for key in keys}  # not ten: one round
