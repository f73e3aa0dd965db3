"""Reads for peer review, each in a fixed number of queries.

- ``reviewer_round``: what a reviewer from outside may read of the one round (no overlay, no
  service users' words, no individual beads, no evidence files).
- ``round_peer_review``: per thread, the team's own bead, each finished review's proposal,
  what was agreed, and agreement (r_wg, the overlay's measure, ``overlay/stats.py``).
- ``review_ledger``: reviews given, received and owed, for a unit and every unit below it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from openpie.assessments.models import Contribution, Placement, Round, Thread
from openpie.assessments.overlay.stats import agreement, agreement_words
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import ThreadSummary, round_threads
from openpie.organisations.models import Unit
from openpie.reviews.models import PeerReview, ThreadReview


@dataclass
class ReviewerThread:
    """One thread as the reviewer reads it, with their own comment and proposal."""

    summary: ThreadSummary
    mine: ThreadReview | None

    @property
    def thread(self) -> Thread:
        return self.summary.thread

    @property
    def evidence_texts(self) -> list[str]:
        return [e.text for e in self.summary.evidence if e.text]

    @property
    def files_held_back(self) -> int:
        return len([e for e in self.summary.evidence if e.file_name])


def reviewer_round(review: PeerReview) -> list[ReviewerThread]:
    """The round's threads with the team's bead, evidence text, factors and actions, and the reviewer's own."""
    mine = {tr.thread_id: tr for tr in review.thread_reviews.all()}
    return [ReviewerThread(summary=s, mine=mine.get(s.thread.pk)) for s in round_threads(review.round)]


@dataclass
class ReviewerView:
    """One reviewer's proposal on a thread, and what the team did with it."""

    review: PeerReview
    thread_review: ThreadReview
    agreement: float | None  # between the team's own bead and this proposal

    @property
    def agreement_words(self) -> str:
        return agreement_words(self.agreement)


@dataclass
class PeerThread:
    thread: Thread
    team_position: int | None
    reviews: list[ReviewerView] = field(default_factory=list)
    overall: float | None = None  # the team and every reviewer
    among_reviewers: float | None = None  # reviewers only, with two or more

    @property
    def overall_words(self) -> str:
        return agreement_words(self.overall)

    @property
    def among_reviewers_words(self) -> str:
        return agreement_words(self.among_reviewers)


@dataclass
class RoundPeerReview:
    round: Round
    scale: Scale
    reviews: list[PeerReview]
    threads: list[PeerThread]

    @property
    def reviewer_count(self) -> int:
        return len(self.reviews)


def _team_positions(round_: Round) -> dict[int, int | None]:
    rows = Placement.objects.filter(thread__round=round_, contribution__kind=Contribution.Kind.TEAM)
    return dict(rows.values_list("thread_id", "position"))


def round_peer_review(round_: Round) -> RoundPeerReview:
    """Every finished review of the round, thread by thread, with agreement (four queries)."""
    scale = Scale.of(round_.framework)
    reviews = list(
        PeerReview.objects.filter(round=round_)
        .given()
        .select_related("reviewer", "reviewer_unit")
        .prefetch_related(Prefetch("thread_reviews", queryset=ThreadReview.objects.all()))
        .order_by("submitted_at", "pk")
    )
    team = _team_positions(round_)
    by_thread: dict[int, list[ReviewerView]] = {}
    for review in reviews:
        for tr in review.thread_reviews.all():
            if tr.proposed_position is None and not tr.comment and not tr.response:
                continue
            pair = [p for p in (team.get(tr.thread_id), tr.proposed_position) if p is not None]
            view = ReviewerView(review=review, thread_review=tr, agreement=agreement(pair, scale.count))
            by_thread.setdefault(tr.thread_id, []).append(view)
    threads = []
    for thread in round_.threads.order_by("position"):
        views = by_thread.get(thread.pk, [])
        proposals = [v.thread_review.proposed_position for v in views if v.thread_review.proposed_position]
        own = team.get(thread.pk)
        everyone = ([own] if own is not None else []) + proposals
        threads.append(
            PeerThread(
                thread=thread,
                team_position=own,
                reviews=views,
                overall=agreement(everyone, scale.count),
                among_reviewers=agreement(proposals, scale.count) if len(proposals) >= 2 else None,
            )
        )
    return RoundPeerReview(round=round_, scale=scale, reviews=reviews, threads=threads)


def round_reviews(round_: Round) -> list[PeerReview]:
    """Every review of the round (any state), for the team's list."""
    return list(
        PeerReview.objects.filter(round=round_)
        .select_related("reviewer", "reviewer_unit", "invited_by")
        .annotate(proposals=Count("thread_reviews__proposed_position"))
        .order_by("created_at", "pk")
    )


@dataclass
class LedgerRow:
    unit: Unit
    given: int
    received: int

    @property
    def owed(self) -> int:
        """Reviews this unit owes other services: received less given (below nought: it is ahead)."""
        return self.received - self.given

    @property
    def owed_words(self) -> str:
        if self.owed > 0:
            return _("Owes %(count)d") % {"count": self.owed}
        if self.owed < 0:
            return _("%(count)d ahead") % {"count": -self.owed}
        return _("Even")


def review_ledger(unit: Unit) -> list[LedgerRow]:
    """The reciprocal ledger of the unit and every unit below it (three queries)."""
    units = list(Unit.objects.below(unit).order_by("path"))
    finished = PeerReview.objects.given()
    given = Counter(
        dict(
            finished.filter(reviewer_unit__in=[u.pk for u in units])
            .values_list("reviewer_unit")
            .annotate(n=Count("pk"))
            .values_list("reviewer_unit", "n")
        )
    )
    received = Counter(
        dict(
            finished.filter(round__unit__in=[u.pk for u in units])
            .values_list("round__unit")
            .annotate(n=Count("pk"))
            .values_list("round__unit", "n")
        )
    )
    return [LedgerRow(unit=u, given=given[u.pk], received=received[u.pk]) for u in units]


def reviews_for_reviewer(user: object) -> list[PeerReview]:
    """The person's reviews, newest first: the open ones link to the round, the others say why not."""
    return list(
        PeerReview.objects.for_reviewer(user)  # type: ignore[arg-type]
        .select_related("round", "round__unit", "round__unit__organisation")
        .order_by("-accepted_at", "-pk")
    )
