"""Small numbers are never shown, not even by subtraction or by watching answers arrive (ADR 0014).

Every figure of people's beads is built from *blocks*: one unit's staff members on one thread of one
round, or its service users who took part in one way (through a link, or entered by a keyworker or
advocate). A filter or a tree can only choose whole blocks, never part of one.

Each block is *released* in batches of the threshold, in the order its answers came in: nothing until
it has ``threshold`` answers, then its first ``threshold``, then its first ``2 × threshold`` and so on.
The answers beyond the last full batch count nowhere: in no total, median, range, count or filter.
So every block adds a multiple of the threshold to any figure, the difference of any two figures a
viewer can see is a set of whole batches (nobody, or at least ``threshold`` people), and one new
answer changes nothing shown until it completes a batch. This is primary suppression of small cells
and secondary suppression against differencing, in the manner of ONS statistical disclosure control
and the UK Longitudinal Linkage Collaboration's rule of no cell under 10 outside the data owner.

Inside the organisation the threshold is ``OPENPIE_SMALL_GROUP_INSIDE`` (at least 5); anyone
outside it gets ``OPENPIE_SMALL_GROUP_OUTSIDE`` (at least 10).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

INSIDE = "inside"
OUTSIDE = "outside"

T = TypeVar("T")
G = TypeVar("G")


def small_group_threshold(audience: str = INSIDE) -> int:
    """The smallest group of people an audience may see anything of."""
    if audience == OUTSIDE:
        return max(10, int(settings.OPENPIE_SMALL_GROUP_OUTSIDE))
    return max(5, int(settings.OPENPIE_SMALL_GROUP_INSIDE))


def team_threshold(audience: str = INSIDE) -> int:
    """The fewest units whose teams' agreed beads an audience may see together.

    A team's agreed bead is the team's, no one person's: inside the organisation every unit's bead
    shows, even one alone. Anyone outside it sees teams' beads only pooled over at least the
    outside threshold of units (ADR 0007), never unit by unit.
    """
    return 1 if audience == INSIDE else small_group_threshold(OUTSIDE)


def disclosable(part: int, whole: int, threshold: int) -> bool:
    """May ``part`` people of a released group of ``whole`` be singled out (as "most people said …")?

    Only if the part reaches the threshold and what is left of the group is either nobody or also
    reaches it, so that the group and its part never let anyone work out a smaller group by subtraction.
    """
    if part < 0 or whole < part:
        raise ValueError("A part cannot be larger than its group")
    rest = whole - part
    return part >= threshold and (rest == 0 or rest >= threshold)


def release_point(count: int, threshold: int) -> int:
    """How many of a block's ``count`` answers are shown: the last whole batch of ``threshold``."""
    if threshold < 1:
        raise ValueError("A threshold is at least one person")
    if count < 0:
        raise ValueError("A block cannot have fewer than no answers")
    return count // threshold * threshold


def next_release(count: int, threshold: int) -> int:
    """The number of answers at which a block's figures next change."""
    return release_point(count, threshold) + threshold


def released(answers: Sequence[T], threshold: int) -> list[T]:
    """The part of one block that may be shown; ``answers`` in the order they came in."""
    return list(answers[: release_point(len(answers), threshold)])


def pooled(blocks: Iterable[Sequence[T]], threshold: int) -> list[T]:
    """What a figure over several blocks may use: each block's released part, and nothing else."""
    return [answer for block in blocks for answer in released(block, threshold)]


def released_by_group(answers: Iterable[tuple[G, Any, Any, T]], threshold: int) -> dict[G, list[T]]:
    """Answers as ``(group, block, came_in, value)``: for each group, the released values of its blocks.

    ``block`` says which block an answer is in (a round and how the person took part, say) and
    ``came_in`` orders a block's answers (when it was counted, then a tie-breaker).
    """
    blocks: dict[tuple[G, Any], list[tuple[Any, T]]] = defaultdict(list)
    for group, block, came_in, value in answers:
        blocks[(group, block)].append((came_in, value))
    grouped: dict[G, list[list[T]]] = defaultdict(list)
    ordered = {key: sorted(found, key=lambda a: a[0]) for key, found in blocks.items()}
    for (group, _block), found in sorted(ordered.items(), key=lambda item: item[1][0][0]):  # earliest block first
        grouped[group].append([value for _came_in, value in found])
    return {group: pooled(parts, threshold) for group, parts in grouped.items()}


@dataclass(frozen=True)
class Release:
    """What one block shows, in words a page can give: its first ``shown`` answers, next change at ``next``."""

    label: str
    shown: int
    next: int


def release_of(label: str, count: int, threshold: int) -> Release:
    return Release(label=label, shown=release_point(count, threshold), next=next_release(count, threshold))


def release_words(releases: Sequence[Release], threshold: int) -> str:
    """ "Shows the first 10 answers; the next update comes at 15 answers" (one clause per block shown)."""
    parts = [r for r in releases if r.shown]
    if not parts:
        return ""
    shows = _(" and ").join(
        _("the first %(count)s answers%(which)s") % {"count": r.shown, "which": r.label} for r in parts
    )
    nexts = _(" or ").join(_("%(count)s answers%(which)s") % {"count": r.next, "which": r.label} for r in parts)
    return _(
        "Shows %(shows)s; the next update comes at %(nexts)s. Figures change only in steps of %(threshold)s answers."
    ) % {"shows": shows, "nexts": nexts, "threshold": threshold}
