"""Which many-voices pages to offer a person on a round (the session, overlay and own-beads pages
and the round's overview all ask)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpie.assessments.access import can_see_overlay
from openpie.assessments.models import Round, VotingSession
from openpie.assessments.services import contributions
from openpie.organisations.access import can


@dataclass
class VoicesLinks:
    """Which many-voices pages to offer this person on a round."""

    round: Round
    live: VotingSession | None
    my_beads: bool
    overlay: bool
    can_facilitate: bool
    can_manage_links: bool = False
    can_proxy: bool = False

    @property
    def invited(self) -> bool:
        return self.round.invites_individuals


def voices_links(user: Any, round_: Round) -> VoicesLinks:
    """Exactly what to offer now, live session included (two or three queries)."""
    live = contributions.live_session(round_)
    asking = round_.invites_individuals or live is not None
    return VoicesLinks(
        round=round_,
        live=live,
        my_beads=asking and can(user, "round.contribute", round_.unit),
        overlay=can_see_overlay(user, round_),
        can_facilitate=can(user, "round.facilitate", round_.unit),
        can_manage_links=can(user, "participation.manage", round_.unit),
        can_proxy=round_.is_editable and can(user, "participation.proxy", round_.unit),
    )


def voices_links_brief(user: Any, round_: Round) -> VoicesLinks:
    """What to offer from the round and the person's roles alone, without a query (for the round's overview,
    which keeps a fixed query budget): a live session and a revealed overlay show on the session page."""
    return VoicesLinks(
        round=round_,
        live=None,
        my_beads=round_.invites_individuals and round_.is_editable and can(user, "round.contribute", round_.unit),
        overlay=can(user, "round.overlay", round_.unit) or round_.state in {Round.State.IN_REVIEW, Round.State.CLOSED},
        can_facilitate=can(user, "round.facilitate", round_.unit),
        can_manage_links=can(user, "participation.manage", round_.unit),
        can_proxy=round_.is_editable and can(user, "participation.proxy", round_.unit),
    )
