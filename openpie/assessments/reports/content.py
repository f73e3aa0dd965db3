"""What a round's report shows, gathered once for the HTML page and the PDF (a fixed number of queries).

Every score is shown with the barriers beside it: a low position explained by hindrances
outside the team's control is never presented as the service's weakness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from openpie.assessments.extensions import EXTENSIONS
from openpie.assessments.guidance import ThreadGuidance, round_guidance
from openpie.assessments.models import Action, CheckIn, Factor, Round
from openpie.assessments.reports.wording import held_back_text
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import ThreadSummary, round_actions, round_threads

if TYPE_CHECKING:
    from openpie.assessments.reports.overlay import OverlayView


@dataclass
class ThreadReport:
    """One thread of the report: the bead in words, the barriers beside it, and the distance travelled."""

    summary: ThreadSummary
    bead: str
    held_back: str
    distance: str
    helps: list[Factor] = field(default_factory=list)
    hinders: list[Factor] = field(default_factory=list)
    guidance: ThreadGuidance | None = None  # what each level looks like, the review criteria and their ratings

    @property
    def thread(self) -> Any:
        return self.summary.thread

    @property
    def position(self) -> int | None:
        placement = self.summary.placement
        return placement.position if placement else None

    @property
    def target(self) -> int | None:
        placement = self.summary.placement
        return placement.target if placement else None

    @property
    def ghost(self) -> int | None:
        placement = self.summary.placement
        return placement.previous_position if placement else None


@dataclass
class RoundReport:
    round: Round
    threads: list[ThreadReport]
    carried: list[Action]  # carried from the previous round: reviewed in stage 5
    actions: list[Action]  # agreed in this round
    check_in: CheckIn | None
    printed_on: Any
    overlay: OverlayView | None = None  # only once everyone on the round may see it
    peer_review: Any = None  # finished peer reviews (none for a check-in)

    @property
    def barrier_count(self) -> int:
        return sum(len(t.summary.barriers) for t in self.threads)


def _thread_report(round_: Round, summary: ThreadSummary, guidance: ThreadGuidance | None) -> ThreadReport:
    placement = summary.placement
    position = placement.position if placement else None
    target = placement.target if placement else None
    previous = placement.previous_position if placement else None
    return ThreadReport(
        summary=summary,
        bead=Scale.of(round_.framework).bead(position, target),
        held_back=held_back_text(len(summary.barriers)),
        distance=Scale.of(round_.framework).distance(previous, position),
        helps=[f for f in summary.factors if f.effect == Factor.Effect.HELPS],
        hinders=[f for f in summary.factors if f.effect == Factor.Effect.HINDERS],
        guidance=guidance,
    )


def report_overlay(round_: Round) -> OverlayView | None:
    """The overlay, when everyone on the round may see it (the report does not know who reads it)."""
    from openpie.assessments.access import can_see_overlay
    from openpie.assessments.overlay.selectors import round_overlay
    from openpie.assessments.reports.overlay import overlay_view

    if round_.is_check_in or not can_see_overlay(AnonymousUser(), round_):
        return None
    view = overlay_view(round_overlay(round_), round_)
    agreed = any(t.placement is not None and t.placement.agreed_from for t in view.threads)
    return view if view.overlay.anything_shown or agreed else None


def report_peer_review(round_: Round) -> Any:
    """Every finished peer review, thread by thread, with the agreed positions and agreement
    (``reviews.selectors.round_peer_review``, put in ``EXTENSIONS`` by the reviews app)."""
    return None if round_.is_check_in else EXTENSIONS.peer_review(round_)


def round_report(round_: Round) -> RoundReport:
    """Everything recorded in the round's five stages, thread by thread (and the overlay of many voices)."""
    actions = round_actions(round_)
    check_in = CheckIn.objects.filter(round=round_).first() if round_.is_check_in else None
    guidance = {} if round_.is_check_in else round_guidance(round_=round_)
    return RoundReport(
        round=round_,
        threads=[_thread_report(round_, s, guidance.get(s.thread.pk)) for s in round_threads(round_)],
        carried=[a for a in actions if a.carried_from_id is not None],
        actions=[a for a in actions if a.carried_from_id is None],
        check_in=check_in,
        printed_on=timezone.localdate(),
        overlay=report_overlay(round_),
        peer_review=report_peer_review(round_),
    )
