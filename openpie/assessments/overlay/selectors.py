"""A round's overlay: for each thread, the team's agreed bead, each group's beads and spread,
the gap between staff and service users, agreement, and service users' shared comments.

Staff members and service users are separate groups and are never pooled into one figure.
A group (or a filtered part of one) too small to show is hidden entirely: no dots, no median,
no count; the words are the same whether it has nobody or a few people in it. Three queries
for the threads and everything on them, one for the beads, however many people took part.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.overlay.privacy import INSIDE, disclosable, small_group_threshold
from openpie.assessments.overlay.stats import Spread, agreement, agreement_words
from openpie.assessments.selectors import ThreadSummary, round_threads

STAFF = "staff"
SERVICE_USERS = "service_users"
GROUPS = {
    STAFF: ("Staff members", "circle"),
    SERVICE_USERS: ("Service users", "diamond"),
}
KIND_GROUP: dict[str, str] = {Contribution.Kind.INDIVIDUAL: STAFF, Contribution.Kind.SERVICE_USER: SERVICE_USERS}
ENTERED = {
    "all": "Everyone",
    "self": "Service users who took part themselves",
    "proxy": "Service users whose view a keyworker or advocate entered",
}


@dataclass(frozen=True)
class Bead:
    """One counted bead: whose group it is in, how it was entered, and the words shared with it."""

    group: str
    position: int
    via: str
    comment: str


@dataclass(frozen=True)
class GroupView:
    key: str
    label: str
    shape: str
    shown: bool
    positions: tuple[int, ...] = ()
    spread: Spread | None = None
    agreement: float | None = None

    @property
    def count(self) -> int | None:
        return len(self.positions) if self.shown else None

    @property
    def agreement_words(self) -> str:
        return agreement_words(self.agreement)


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

    scale_count: int = 20


@dataclass
class RoundOverlay:
    round: Round
    threshold: int
    entered: str
    threads: list[ThreadOverlay]

    @property
    def entered_label(self) -> str:
        return ENTERED[self.entered]

    @property
    def anything_shown(self) -> bool:
        return any(g.shown for t in self.threads for g in t.groups)


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
        )
        .order_by()
    )
    by_thread: dict[int, list[Bead]] = defaultdict(list)
    for thread_id, position, kind, via, shares, comment in rows:
        shared = comment.strip() if shares and kind == Contribution.Kind.SERVICE_USER else ""
        by_thread[thread_id].append(Bead(KIND_GROUP[kind], position or 0, via or "", shared))
    return by_thread


# How a service user took part (``Participation.via``) for each filter: "self" is through a link.
VIA = {"self": "link", "proxy": "proxy"}


def _chosen(beads: list[Bead], entered: str) -> list[Bead]:
    """The part of a service-user group the filter keeps (staff are never filtered by how they entered)."""
    if entered == "all":
        return beads
    return [b for b in beads if b.via == VIA[entered]]


def _group(key: str, beads: list[Bead], *, entered: str, threshold: int, scale_count: int) -> GroupView:
    label, shape = GROUPS[key]
    chosen = beads if key == STAFF else _chosen(beads, entered)
    if not disclosable(len(chosen), len(beads), threshold):
        return GroupView(key, label, shape, shown=False)
    positions = tuple(sorted(b.position for b in chosen))
    return GroupView(key, label, shape, True, positions, Spread.of(positions), agreement(positions, scale_count))


def _thread_overlay(
    summary: ThreadSummary, beads: list[Bead], *, entered: str, threshold: int, scale_count: int
) -> ThreadOverlay:
    groups = [
        _group(key, [b for b in beads if b.group == key], entered=entered, threshold=threshold, scale_count=scale_count)
        for key in GROUPS
    ]
    overlay = ThreadOverlay(summary=summary, groups=groups, scale_count=scale_count)
    if overlay.group(SERVICE_USERS).shown:
        users = _chosen([b for b in beads if b.group == SERVICE_USERS], entered)
        overlay.comments = sorted(b.comment for b in users if b.comment)
    return overlay


def round_overlay(round_: Round, *, audience: str = INSIDE, entered: str = "all") -> RoundOverlay:
    """The overlay of a round for an audience inside (or outside) its organisation."""
    if entered not in ENTERED:
        raise ValueError(f"Unknown filter {entered!r}")
    threshold = small_group_threshold(audience)
    scale_count = round_.framework.position_count
    beads = _beads(round_)
    threads = [
        _thread_overlay(s, beads.get(s.thread.pk, []), entered=entered, threshold=threshold, scale_count=scale_count)
        for s in round_threads(round_)
    ]
    return RoundOverlay(round=round_, threshold=threshold, entered=entered, threads=threads)
