"""What the many-voices API reads and sends back: who has contributed, your own beads, the overlay,
the agreed position and setting a contribution aside.

Nothing here carries a person's beads beside their name, and nothing about a group too small
to show: a hidden group has the same fields, all empty, whether it has nobody or a few people.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StringConstraints

from openpie.assessments.api.schemas import BarrierBriefOut, Position, ScaleRefOut, Version
from openpie.common.api_schemas import BodyIn
from openpie.common.api_types import NoNul

Entered = Literal["all", "self", "proxy"]
Reason = Annotated[str, StringConstraints(max_length=300), NoNul]


# Who has contributed ----------------------------------------------------------------------------


class StaffContributionOut(Schema):
    id: int
    state: str = Field(description="started, submitted, withdrawn or voided.")
    author_id: int | None
    name: str = Field(description="The staff member's name (their beads are never shown beside it).")
    beads_placed: int = Field(description="How many threads they have placed a bead on.")
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None


class ServiceUserContributionOut(Schema):
    """A service user's contribution: never a name, never beads, and only the day (not the time)."""

    id: int
    state: str
    created_on: datetime.date
    submitted_on: datetime.date | None


class StaffContributionsOut(Schema):
    shown: bool = Field(description="False when the group is too small to show (or empty): nothing else is given.")
    count: int | None
    items: list[StaffContributionOut]


class ServiceUserContributionsOut(Schema):
    shown: bool = Field(description="False when the group is too small to show (or empty): nothing else is given.")
    count: int | None
    items: list[ServiceUserContributionOut]


class TeamContributionOut(Schema):
    id: int
    state: str
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None


class ContributionsOut(Schema):
    round_id: int
    threshold: int = Field(description="The smallest group anything is shown of.")
    team: TeamContributionOut | None = Field(description="The team's agreed view (the scribe's).")
    staff: StaffContributionsOut
    service_users: ServiceUserContributionsOut


# Your own beads ---------------------------------------------------------------------------------


class MyPlacementOut(Schema):
    id: int
    thread_id: int
    position: int | None
    version: int


class MyContributionOut(Schema):
    id: int
    round_id: int
    state: str
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    can_change: bool = Field(description="Whether your beads can move now (the round is open and asks for them).")
    placements: list[MyPlacementOut]


class MyPlacementIn(BodyIn):
    position: Position | None = Field(
        description="Your bead, from 1 (far left) to the scale's position count; null takes it off."
    )
    version: Version = Field(description="The bead's version when you read it.")


# The overlay ------------------------------------------------------------------------------------


class GroupOut(Schema):
    """One group's beads on a thread. Everything but ``key``, ``label`` and ``shown`` is null (or empty)
    when the group is not shown, whether it has nobody in it or too few people."""

    key: str = Field(description="staff or service_users: the two are never pooled.")
    label: str
    shown: bool
    count: int | None
    positions: list[int] = Field(description="Every bead, lowest first, with no names.")
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    lowest: int | None
    highest: int | None
    agreement: float | None = Field(
        description="r_wg against a uniform null over the scale's positions: 1 is full agreement, "
        "0 no more than chance (ADR 0017)."
    )
    agreement_words: str | None = Field(description="The stricter of r_wg's band and AD's, in words (ADR 0017).")
    average_deviation: float | None = Field(
        None, description="AD about the median, in positions; acceptable up to c/6 (ADR 0017)."
    )
    release: str | None = Field(
        default=None,
        description="Which answers the figures are of and when they next change: each block of the group "
        "shows its answers in whole batches of `threshold`, in the order they came in (ADR 0014).",
    )


class SpreadOut(Schema):
    count: int
    median: float
    lower_quartile: float
    upper_quartile: float
    lowest: int
    highest: int
    agreement: float | None


class AgreedFromOut(Schema):
    agreed_at: str
    staff: SpreadOut | None = Field(None, description="Only when the group was large enough to show.")
    service_users: SpreadOut | None = Field(None, description="Only when the group was large enough to show.")


class TeamBeadOut(Schema):
    id: int
    position: int | None
    target: int | None
    version: int
    agreed_from: AgreedFromOut | None = Field(description="The spread of views the agreed bead came from.")


class ThreadOverlayOut(Schema):
    thread_id: int
    key: str
    name: str
    short_name: str
    team: TeamBeadOut | None = Field(description="The team's agreed bead.")
    groups: list[GroupOut]
    gap: float | None = Field(
        description="Service users' median minus staff members' (to the right is positive); only when both show."
    )
    agreement_everyone: float | None = Field(description="Agreement among every bead shown; only when both show.")
    comments: list[str] = Field(
        description="What service users who agreed to share their words said, only when their group shows."
    )
    barriers: list[BarrierBriefOut] = Field(description="Hindrances outside the service's control, beside the beads.")


class OverlayOut(Schema):
    round_id: int
    threshold: int
    entered: str
    entered_label: str
    scale: ScaleRefOut
    threads: list[ThreadOverlayOut]
    agreement_round: dict[str, float | None] = Field(
        description="r_wg(J) for each group over the threads where it shows, released beads only (ADR 0017)."
    )


class OverlayQuery(Schema):
    entered: Entered = Field(
        "all", description="Service users: all of them, those who took part themselves, or those entered by proxy."
    )


# The agreed position and setting aside ----------------------------------------------------------


class ConsensusIn(BodyIn):
    position: Position = Field(description="The team's agreed bead, from 1 (far left) to the position count.")
    version: Version = Field(description="The team bead's version when you read it.")


class ConsensusOut(Schema):
    id: int
    thread_id: int
    position: int | None
    target: int | None
    version: int
    agreed_from: AgreedFromOut | None


class VoidIn(BodyIn):
    reason: Reason = Field(description="Why it is set aside, in up to 300 characters.")


class VoidedOut(Schema):
    id: int
    round_id: int
    kind: str
    state: str
    ended_at: datetime.datetime | None
    void_reason: str
