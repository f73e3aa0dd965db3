"""Who has contributed to a round, and a member's own beads: the reads the voices pages and the API share.

The small-group rule is applied here, not where the answer is shaped: a group with fewer people
than the threshold is given exactly as an empty one (``shown`` false, no count, no items), so
the API and any page answer alike (ADR 0002: no business rule in an API function).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from openpie.assessments.models import Contribution, Placement, Round, Thread, VotingSession
from openpie.assessments.overlay.privacy import INSIDE, small_group_threshold

Kind = Contribution.Kind
State = Contribution.State


@dataclass(frozen=True)
class ContributorGroup:
    """Staff members or service users: everyone in the group, or nothing at all when it is too small."""

    shown: bool
    items: list[Contribution] = field(default_factory=list)

    @property
    def count(self) -> int | None:
        return len(self.items) if self.shown else None


@dataclass(frozen=True)
class RoundContributors:
    round: Round
    threshold: int
    team: Contribution | None
    staff: ContributorGroup
    service_users: ContributorGroup


def contributor_group(items: list[Contribution], threshold: int) -> ContributorGroup:
    """A group of contributions, or nothing at all when it has fewer people than the threshold."""
    return ContributorGroup(shown=True, items=items) if len(items) >= threshold else ContributorGroup(shown=False)


def contributor_name(contribution: Contribution) -> str:
    author = contribution.author
    if author is not None:
        return author.get_full_name() or contribution.display_name or author.email
    return contribution.display_name


def round_contributors(*, round_: Round) -> RoundContributors:
    """The team's view, staff members (each with ``beads_placed``) and service users who have not
    withdrawn, each group only when large enough. One query."""
    threshold = small_group_threshold(INSIDE)
    contributions = list(
        Contribution.objects.filter(round=round_)
        .exclude(kind=Kind.SERVICE_USER, state=State.WITHDRAWN)
        .select_related("author")
        .annotate(beads_placed=Count("placements", filter=Q(placements__position__isnull=False)))
        .order_by("created_at", "pk")
    )
    return RoundContributors(
        round=round_,
        threshold=threshold,
        team=next((c for c in contributions if c.kind == Kind.TEAM), None),
        staff=contributor_group([c for c in contributions if c.kind == Kind.INDIVIDUAL], threshold),
        service_users=contributor_group([c for c in contributions if c.kind == Kind.SERVICE_USER], threshold),
    )


def own_contribution(*, round_: Round, user: Any) -> Contribution | None:
    """The member's own beads in the round, if they have started them (nothing is made)."""
    return Contribution.objects.filter(round=round_, kind=Kind.INDIVIDUAL, author=user).first()


def own_beads_changeable(*, round_: Round, mine: Contribution | None, live: VotingSession | None) -> bool:
    """Whether the member may still move their own beads: the round is open, it asks for them (an
    invitation or a running session) and they have not been withdrawn or set aside."""
    asking = round_.invites_individuals or live is not None
    return mine is not None and mine.state == State.SUBMITTED and round_.is_editable and asking


def own_placements(mine: Contribution) -> list[dict[str, Any]]:
    rows = mine.placements.order_by("thread__position").values("id", "thread_id", "position", "version")
    return [dict(row) for row in rows]


def own_placement(*, mine: Contribution, thread: Thread) -> Placement | None:
    return Placement.objects.filter(contribution=mine, thread=thread).first()


def round_thread(*, round_: Round, thread_id: int) -> Thread | None:
    """A thread of this round (None for another round's)."""
    thread = Thread.objects.filter(pk=thread_id, round=round_).first()
    if thread is not None:
        thread.round = round_
    return thread


def has_team_bead(*, round_: Round, thread: Thread) -> bool:
    return Placement.objects.filter(contribution__round=round_, contribution__kind=Kind.TEAM, thread=thread).exists()
