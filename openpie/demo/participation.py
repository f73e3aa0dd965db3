"""Service users' views in the demo: a link for Harbour House's open round and six people who
took part through it (one entered by a keyworker). Idempotent."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from openpie.assessments.models import Contribution, Round
from openpie.participation import services

# Each person's beads on the five themes (1-20, in theme order), a comment on the fourth, and
# whether they let staff read their words.
PEOPLE = (
    ((7, 6, 6, 2, 6), "A room to sit in that isn't the hallway.", True),
    ((10, 8, 7, 3, 8), "Somewhere quiet to talk to my keyworker.", True),
    ((6, 5, 8, 4, 5), "", False),
    ((9, 9, 6, 2, 7), "Let us help choose how the lounge looks.", True),
    ((8, 7, 9, 5, 9), "More things to do in the evening.", False),
    ((11, 6, 7, 3, 6), "", True),
)


def _take_part(round_: Round, link: Any, beads: tuple[int, ...], comment: str, shares: bool) -> None:
    contribution = services.participation_start(
        link=link, start_key=secrets.token_urlsafe(16), consent=True, shares_comments=shares
    )
    for thread, position in zip(round_.threads.order_by("position"), beads, strict=False):
        words = comment if thread.key == "spaces-of-opportunity" else ""
        services.participation_answer(contribution=contribution, thread=thread, position=position, comment=words)
    services.participation_finish(contribution=contribution)


@transaction.atomic
def seed_demo_participation(*, round_: Round | None, lead: Any) -> bool:
    """Six service users' views through a link, if the round has none yet."""
    if round_ is None or Contribution.objects.filter(round=round_, kind=Contribution.Kind.SERVICE_USER).exists():
        return False
    link = services.link_create(round_=round_, by=lead, label="Poster in the lounge")
    for beads, comment, shares in PEOPLE:
        _take_part(round_, link, beads, comment, shares)
    return True
