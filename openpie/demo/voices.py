"""Many voices in the demo: Harbour House's open round invites the team's own beads, five members
have placed theirs, and service users have taken part through a link. Idempotent."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from openpie.accounts.models import User
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.services.contributions import (
    contribution_for_member,
    own_placement_record,
)

# Each member's own beads on the five themes (1-20), in theme order.
STAFF_BEADS = {
    "staff@openpie.example": (9, 7, 8, 4, 10),
    "priya@openpie.example": (11, 6, 9, 3, 9),
    "tom@openpie.example": (8, 8, 7, 5, 11),
    "amara@openpie.example": (10, 5, 10, 4, 8),
    "lee@openpie.example": (12, 7, 9, 6, 10),
}
THEMES = (
    "psychological-awareness",
    "staff-training-and-support",
    "learning-and-enquiry",
    "spaces-of-opportunity",
    "the-three-rs",
)


def demo_round() -> Round | None:
    """Harbour House's open round (the one after its closed first round)."""
    return (
        Round.objects.filter(unit__name="Harbour House", state=Round.State.OPEN, previous__isnull=False)
        .select_related("unit__organisation", "framework")
        .first()
    )


def _own_beads(round_: Round, user: Any, positions: tuple[int, ...]) -> None:
    mine = contribution_for_member(round_=round_, user=user)
    by_key = dict(zip(THEMES, positions, strict=True))
    for placement in Placement.objects.filter(contribution=mine).select_related("thread__round__framework"):
        if placement.thread.key in by_key:
            own_placement_record(
                placement=placement, version=placement.version, by=user, position=by_key[placement.thread.key]
            )


@transaction.atomic
def seed_demo_voices(*, lead: Any) -> bool:
    """Staff members' own beads (service users' are in ``participation``) in the open demo round."""
    round_ = demo_round()
    if round_ is None or Contribution.objects.filter(round=round_, kind=Contribution.Kind.INDIVIDUAL).exists():
        return False
    Round.objects.filter(pk=round_.pk).update(invites_individuals=True)  # no emails to demo people
    round_.invites_individuals = True
    people = {u.email: u for u in User.objects.filter(email__in=STAFF_BEADS)}
    for email, positions in STAFF_BEADS.items():
        if email in people:
            _own_beads(round_, people[email], positions)
    return True
