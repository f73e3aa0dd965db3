"""What the rounds API reads and sends back: rounds, beads, evidence, factors (barriers) and actions."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, StrictBool, StringConstraints
from pydantic_core import PydanticCustomError

from openpie.assessments.services.edits import TEXT_LIMIT
from openpie.common.api_schemas import BodyIn
from openpie.common.api_types import Id, NoNul
from openpie.common.dates import window_date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> datetime.date:
    """A date written as YYYY-MM-DD text, and nothing else (no numbers, no week dates)."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_format", _("Enter a real date as YYYY-MM-DD, for example 2025-03-31"))


# Inside the date window too (openpie.common.dates): 0001-01-01 or 9999-12-31 is refused on its field.
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date), AfterValidator(window_date)]


# Text: no NUL, within a limit as sent; the services trim it and say when it may not be empty.
Text = Annotated[str, StringConstraints(max_length=TEXT_LIMIT), NoNul]
Title = Annotated[str, StringConstraints(max_length=200), NoNul]
Funder = Annotated[str, StringConstraints(max_length=200), NoNul]
OwnerName = Annotated[str, StringConstraints(max_length=150), NoNul]
Key = Annotated[str, StringConstraints(max_length=60), NoNul]
# Versions are counters kept in a positive 32-bit column.
Version = Annotated[int, Field(strict=True, ge=0, le=2_147_483_647)]
# A bead's place on the scale, 1 = far left; the top depends on the round's framework.
Position = Annotated[int, Field(strict=True, ge=1, le=32_767)]

Form = Literal["short", "drill_down", "single", "check_in"]
Transition = Literal["open", "in_review", "reopen", "closed"]
Effect = Literal["helps", "hinders"]
Control = Literal["within", "outside"]
ActionStatus = Literal["planned", "in_progress", "done", "dropped"]


# Rounds -----------------------------------------------------------------------------------------


class RoundIn(BodyIn):
    form: Form = Field(description="How much of the framework to look at.")
    framework_id: Id = Field(description="A published framework your organisation can use.")
    held_on: IsoDate = Field(description="When the team met, as YYYY-MM-DD.")
    title: Title = Field("", description="Left empty, the round is named after the unit and the month.")
    theme_keys: list[Key] = Field(
        default_factory=list, max_length=50, description="Drill-down: the keys of the themes to open up."
    )
    thread_key: Key = Field("", description="Single bead: the key of the one theme or element to look at.")


class RoundNextIn(BodyIn):
    held_on: IsoDate | None = Field(None, description="When the team meets again, as YYYY-MM-DD; today if left out.")
    title: Title = ""


class TransitionIn(BodyIn):
    to: Transition = Field(
        description="open: start recording (from draft); in_review: send for review (from open); "
        "reopen: back to open for changes (from in review); closed: finish (from in review)."
    )


class RoundSummaryOut(Schema):
    id: int
    unit_id: int
    framework_id: int
    form: str
    state: str
    title: str
    held_on: datetime.date
    previous_id: int | None
    theme_keys: list[str]
    is_editable: bool
    created_at: datetime.datetime
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None


class RoundPage(Schema):
    count: int
    items: list[RoundSummaryOut]


class PlacementOut(Schema):
    id: int
    thread_id: int
    position: int | None
    target: int | None
    previous_position: int | None = Field(description="The team's bead in the previous round (the ghost).")
    distance: int | None = Field(description="Positions moved since the previous round; to the right is positive.")
    version: int


class PlacementIn(BodyIn):
    position: Position | None = Field(
        description="The bead, from 1 (far left) to the scale's position count; null takes it off."
    )
    target: Position | None = Field(description="Where the team intends to be; null for none.")
    version: Version = Field(description="The placement's version when you read it.")


class BarrierKindRefOut(Schema):
    key: str
    name: str


class BarrierBriefOut(Schema):
    id: int
    text: str
    barrier_kind: BarrierKindRefOut | None


class RoundThreadOut(Schema):
    id: int
    key: str
    kind: str
    theme_key: str
    position: int
    name: str
    short_name: str
    description: str
    guiding_questions: list[str]
    placement: PlacementOut | None = Field(description="The team's agreed bead on this thread.")
    evidence_count: int
    factor_count: int
    action_count: int
    barrier_count: int = Field(description="Hindrances outside the service's control: read the position beside them.")
    barriers: list[BarrierBriefOut]


class ScaleRefOut(Schema):
    levels: list[str]
    positions_per_level: int
    position_count: int


class RoundOut(RoundSummaryOut):
    scale: ScaleRefOut
    threads: list[RoundThreadOut]


# Evidence ---------------------------------------------------------------------------------------


class EvidenceOut(Schema):
    id: int
    thread_id: int
    text: str
    file_name: str = Field(description="Empty when the item has no attached file.")
    file_type: str
    file_size: int
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class EvidencePage(Schema):
    count: int
    items: list[EvidenceOut]


class EvidenceIn(BodyIn):
    text: Text = Field(description="What tells you so: observable practice, in up to 5,000 characters.")


class EvidencePatch(BodyIn):
    text: Text = Field(description="The new text; may be empty only for an item with an attached file.")
    version: Version = Field(description="The item's version when you read it.")


# Factors ----------------------------------------------------------------------------------------


class FactorOut(Schema):
    id: int
    thread_id: int
    effect: str
    control: str
    text: str
    is_barrier: bool = Field(description="A hindrance outside the service's control.")
    barrier_kind: BarrierKindRefOut | None
    flag_managers: bool
    funder: str
    shareable: bool = Field(description="A barrier whose words people outside the organisation may read.")
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class FactorPage(Schema):
    count: int
    items: list[FactorOut]


_BARRIER = "For a barrier (hinders, outside your control): "


class FactorIn(BodyIn):
    effect: Effect
    control: Control
    text: Text = Field(description="What helps or hinders.")
    barrier_kind: Key | None = Field(
        None, description=_BARRIER + "the key of a kind of barrier in the round's framework."
    )
    flag_managers: StrictBool = Field(False, description=_BARRIER + "tell your managers.")
    funder: Funder = Field("", description=_BARRIER + "the funder or commissioner to tell.")
    shareable: StrictBool = Field(False, description=_BARRIER + "let people outside your organisation read it.")


class FactorPatch(BodyIn):
    """Fields left out keep their value; a change back from a barrier clears the barrier's fields."""

    effect: Effect | None = None
    control: Control | None = None
    text: Text | None = None
    barrier_kind: Key | None = None
    flag_managers: StrictBool | None = None
    funder: Funder | None = None
    shareable: StrictBool | None = None
    version: Version = Field(description="The factor's version when you read it.")


# Actions ----------------------------------------------------------------------------------------


class ActionOut(Schema):
    id: int
    round_id: int
    thread_id: int | None
    factor_id: int | None
    what: str
    owner_id: int | None = Field(description="The owner, when they have an account.")
    owner_name: str = Field(description="The owner's name, with or without an account.")
    due_on: datetime.date | None
    status: str
    is_overdue: bool
    carried_from_id: int | None = Field(description="The action of the previous round this one carries on.")
    review_note: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ActionPage(Schema):
    count: int
    items: list[ActionOut]


class MyActionOut(ActionOut):
    round_title: str
    unit_id: int
    unit_name: str


class MyActionPage(Schema):
    count: int
    items: list[MyActionOut]


class ActionIn(BodyIn):
    what: Text = Field(description="What you will do.")
    owner_id: Id | None = Field(None, description="A member of this team (or above it) who owns the action.")
    owner_name: OwnerName = Field("", description="Or the name of an owner without an account.")
    due_on: IsoDate | None = Field(None, description="By when, as YYYY-MM-DD.")
    status: ActionStatus = "planned"
    thread_id: Id | None = Field(None, description="A thread of this round.")
    factor_id: Id | None = Field(None, description="A factor of this round (its thread is taken too).")


class ActionPatch(BodyIn):
    """Fields left out keep their value; send null to clear an owner, due date, thread or factor."""

    what: Text | None = None
    owner_id: Id | None = None
    owner_name: OwnerName | None = None
    due_on: IsoDate | None = None
    status: ActionStatus | None = None
    thread_id: Id | None = None
    factor_id: Id | None = None
    review_note: Text | None = Field(None, description="How did it go: what changed.")
    version: Version = Field(description="The action's version when you read it.")
