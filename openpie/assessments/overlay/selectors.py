"""A round's overlay: for each thread, the team's agreed bead, each group's beads and spread,
the gap between staff and service users, agreement, and service users' shared comments.

Staff members and service users are separate groups and are never pooled into one figure.
Each group is made of blocks (staff members; service users who took part through a link; those
whose view a keyworker or advocate entered), and each block shows only its released answers
(``privacy``: whole batches of the threshold, in the order they came in). A group with nothing
released is hidden entirely: no dots, no median, no count; the words are the same whether it has
nobody or a few people in it. Three queries for the threads and everything on them, one for the
beads, however many people took part.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.overlay.privacy import (
    INSIDE,
    Release,
    pooled,
    release_of,
    release_words,
    small_group_threshold,
)
from openpie.assessments.overlay.stats import NOT_ENOUGH, Spread, agreement, agreement_band, average_deviation, r_wg_j
from openpie.assessments.selectors import ThreadSummary, round_threads

STAFF = "staff"
SERVICE_USERS = "service_users"
GROUPS = {
    STAFF: (gettext_lazy("Staff members"), "circle"),
    SERVICE_USERS: (gettext_lazy("Service users"), "diamond"),
}
KIND_GROUP: dict[str, str] = {Contribution.Kind.INDIVIDUAL: STAFF, Contribution.Kind.SERVICE_USER: SERVICE_USERS}
ENTERED = {
    "all": gettext_lazy("Everyone"),
    "self": gettext_lazy("Service users who took part themselves"),
    "proxy": gettext_lazy("Service users whose view a keyworker or advocate entered"),
}


@dataclass(frozen=True)
class Bead:
    """One counted bead: whose group it is in, how it was entered, and the words shared with it."""

    group: str
    position: int
    via: str
    comment: str
    came_in: tuple[datetime.datetime, int]  # when the answer was counted, then the contribution (a tie-breaker)


# The blocks a group is made of, by how its people took part ("" for staff members), and how a page
# names each block's answers when a group has more than one.
BLOCK_LABELS = {
    "": "",
    "link": gettext_lazy(" given through a link"),
    "proxy": gettext_lazy(" entered by a keyworker or advocate"),
}


@dataclass(frozen=True)
class GroupView:
    key: str
    label: str
    shape: str
    shown: bool
    positions: tuple[int, ...] = ()
    spread: Spread | None = None
    agreement: float | None = None
    releases: tuple[Release, ...] = ()
    threshold: int = 5
    agreement_words: str = field(
        default_factory=lambda: str(NOT_ENOUGH)
    )  # r_wg and AD together (``stats.agreement_band``)
    ad: float | None = None  # average deviation about the median, in positions

    @property
    def release_words(self) -> str:
        """What the figures are as of, and when they next change."""
        return release_words(self.releases, self.threshold) if self.shown else ""

    @property
    def count(self) -> int | None:
        return len(self.positions) if self.shown else None


@dataclass
class ThreadOverlay:
    summary: ThreadSummary
    groups: list[GroupView]
    comments: list[str] = field(default_factory=list)

    def group(self, key: str) -> GroupView:
        return next(g for g in self.groups if g.key == key)

    @property
    def gap(self) -> float | None:
        """Service users' median minus staff members' (positions; to the right is positive)."""
        staff, users = self.group(STAFF), self.group(SERVICE_USERS)
        if staff.spread is None or users.spread is None:
            return None
        return users.spread.median - staff.spread.median

    @property
    def agreement_everyone(self) -> float | None:
        """Agreement among every bead shown (both groups), labelled as such wherever it appears."""
        shown = [p for g in self.groups if g.shown for p in g.positions]
        if not all(g.shown for g in self.groups):
            return None
        return agreement(shown, self.scale_count)

    @property
    def agreement_everyone_words(self) -> str:
        shown = [p for g in self.groups if g.shown for p in g.positions]
        if not all(g.shown for g in self.groups):
            return str(NOT_ENOUGH)
        return agreement_band(shown, scale_count=self.scale_count, per_level=self.per_level)

    scale_count: int = 20
    per_level: int = 5


@dataclass
class RoundOverlay:
    round: Round
    threshold: int
    entered: str
    threads: list[ThreadOverlay]

    @property
    def entered_label(self) -> str:
        return str(ENTERED[self.entered])

    @property
    def anything_shown(self) -> bool:
        return any(g.shown for t in self.threads for g in t.groups)

    def agreement_round(self, key: str) -> float | None:
        """r_wg(J) for one group over the round's threads where it shows (released beads only)."""
        items = [g.positions for t in self.threads for g in t.groups if g.key == key and g.shown]
        value = r_wg_j(items, self.scale_count)
        return None if value is None else round(value, 2)

    scale_count: int = 20


def _beads(round_: Round) -> dict[int, list[Bead]]:
    """Counted beads of staff members and service users, by thread."""
    rows = (
        Placement.objects.filter(
            thread__round=round_,
            position__isnull=False,
            contribution__kind__in=list(KIND_GROUP),
            contribution__state=Contribution.State.SUBMITTED,
        )
        .values_list(
            "thread_id",
            "position",
            "contribution__kind",
            "contribution__participation__via",
            "contribution__participation__shares_comments",
            "comment",
            "contribution__submitted_at",
            "contribution__created_at",
            "contribution_id",
        )
        .order_by()
    )
    by_thread: dict[int, list[Bead]] = defaultdict(list)
    for thread_id, position, kind, via, shares, comment, submitted, created, contribution in rows:
        shared = comment.strip() if shares and kind == Contribution.Kind.SERVICE_USER else ""
        came_in = (submitted or created, contribution)
        by_thread[thread_id].append(
            Bead(KIND_GROUP[kind], position or 0, way_of_taking_part(kind, via), shared, came_in)
        )
    for beads in by_thread.values():
        beads.sort(key=lambda b: b.came_in)
    return by_thread


# How a service user took part (``Participation.via``) for each filter: "self" is through a link.
VIA = {"self": "link", "proxy": "proxy"}


def way_of_taking_part(kind: str, via: str | None) -> str:
    """A bead's block within its group: staff members are one block ("") and service users one per way
    of taking part (a contribution with no record of how came in through a link, the default)."""
    return (via or VIA["self"]) if kind == Contribution.Kind.SERVICE_USER else ""


def blocks_of(beads: list[Bead], key: str, entered: str) -> dict[str, list[Bead]]:
    """The blocks a filter chooses from one group's beads (in the order they came in), by how people took part.

    Staff members are one block and never filtered; service users are a block per way of taking part,
    so a filter chooses whole blocks and never part of one.
    """
    blocks: dict[str, list[Bead]] = defaultdict(list)
    for bead in beads:
        if key == STAFF or entered == "all" or bead.via == VIA[entered]:
            blocks[bead.via].append(bead)
    return dict(sorted(blocks.items()))


def _group(
    key: str, beads: list[Bead], *, entered: str, threshold: int, scale_count: int, per_level: int
) -> tuple[GroupView, list[Bead]]:
    name, shape = GROUPS[key]
    label = str(name)
    blocks = blocks_of(beads, key, entered)
    kept = pooled(blocks.values(), threshold)
    if not kept:
        return GroupView(key, label, shape, shown=False, threshold=threshold), []
    positions = tuple(sorted(b.position for b in kept))
    # Name each block's answers only when more than one is shown: naming one must not hint at another.
    many = sum(1 for b in blocks.values() if pooled([b], threshold)) > 1
    releases = tuple(
        release_of(str(BLOCK_LABELS.get(via, "")) if many else "", len(b), threshold) for via, b in blocks.items()
    )
    spread, agreed = Spread.of(positions), agreement(positions, scale_count)
    words = agreement_band(positions, scale_count=scale_count, per_level=per_level)
    ad = average_deviation(positions)
    view = GroupView(key, label, shape, True, positions, spread, agreed, releases, threshold, words, ad)
    return view, kept


def _thread_overlay(
    summary: ThreadSummary, beads: list[Bead], *, entered: str, threshold: int, scale_count: int, per_level: int
) -> ThreadOverlay:
    groups, kept = [], {}
    for key in GROUPS:
        mine = [b for b in beads if b.group == key]
        group, kept[key] = _group(
            key, mine, entered=entered, threshold=threshold, scale_count=scale_count, per_level=per_level
        )
        groups.append(group)
    overlay = ThreadOverlay(summary=summary, groups=groups, scale_count=scale_count, per_level=per_level)
    # Only released answers' words, like their beads: a comment must not arrive before its batch.
    overlay.comments = sorted(b.comment for b in kept[SERVICE_USERS] if b.comment)
    return overlay


def round_overlay(round_: Round, *, audience: str = INSIDE, entered: str = "all") -> RoundOverlay:
    """The overlay of a round for an audience inside (or outside) its organisation."""
    if entered not in ENTERED:
        raise ValueError(f"Unknown filter {entered!r}")
    threshold = small_group_threshold(audience)
    scale_count, per_level = round_.framework.position_count, round_.framework.positions_per_level
    beads = _beads(round_)
    threads = [
        _thread_overlay(
            s,
            beads.get(s.thread.pk, []),
            entered=entered,
            threshold=threshold,
            scale_count=scale_count,
            per_level=per_level,
        )
        for s in round_threads(round_)
    ]
    return RoundOverlay(round=round_, threshold=threshold, entered=entered, threads=threads, scale_count=scale_count)
