"""API: a unit's rounds, one round with its threads and beads, its state changes, the next round, and beads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from openpie.assessments import services
from openpie.assessments.access import Owner, get_placement_for_user, get_round_for_user
from openpie.assessments.api.common import api_field_names, page, placement_out, round_out, round_summary
from openpie.assessments.api.schemas import (
    PlacementIn,
    PlacementOut,
    RoundIn,
    RoundNextIn,
    RoundOut,
    RoundPage,
    RoundSummaryOut,
    TransitionIn,
)
from openpie.assessments.models import Round
from openpie.assessments.selectors import round_threads
from openpie.common.api_schemas import ERRORS, READ_ERRORS, WRITE_ERRORS, PageQuery
from openpie.frameworks.models import Framework
from openpie.organisations.access import get_unit_for_user

router = Router()


@router.get(
    "/units/{unit_id}/rounds",
    response={200: RoundPage, **READ_ERRORS},
    summary="Rounds of a unit, latest first",
)
def round_list(request: HttpRequest, unit_id: int, query: Query[PageQuery]) -> dict[str, Any]:
    unit = get_unit_for_user(request.user, unit_id, action="round.view")
    return page(Round.objects.filter(unit=unit).order_by("-held_on", "-created_at", "-pk"), query, round_summary)


def _detail(round_: Round) -> dict[str, Any]:
    return round_out(round_, round_threads(round_))


@router.post(
    "/units/{unit_id}/rounds",
    response={201: RoundOut, **ERRORS},
    summary="Start a round (a draft) for a unit",
    description="The round is pinned to the framework as it is worded for the unit's organisation now. "
    "Its threads come with the team's empty beads: record them with `PUT /placements/{placement_id}` "
    "once the round is open.",
)
def round_start(request: HttpRequest, unit_id: int, data: RoundIn) -> Status[dict[str, Any]]:
    unit = get_unit_for_user(request.user, unit_id, action="round.start")
    framework = Framework.objects.filter(pk=data.framework_id).first()
    if framework is None:
        raise ValidationError({"framework_id": _("Choose a published framework your organisation can use")})
    with api_field_names():
        round_ = services.round_create(
            unit=unit, framework=framework, by=request.user, **data.model_dump(exclude={"framework_id"})
        )
    return Status(201, _detail(round_))


@router.get(
    "/rounds/{round_id}",
    response={200: RoundOut, **READ_ERRORS},
    summary="A round: its threads, each with the team's bead and the barriers beside it",
)
def round_detail(request: HttpRequest, round_id: int) -> dict[str, Any]:
    return _detail(get_round_for_user(request.user, round_id))


TRANSITIONS = {
    "open": ("round.start", services.round_open),
    "in_review": ("round.start", services.round_submit),
    "reopen": ("round.start", services.round_reopen),
    "closed": ("round.close", services.round_close),
}


@router.post(
    "/rounds/{round_id}/transitions",
    response={200: RoundSummaryOut, **ERRORS},
    summary="Move a round on: draft → open → in review → closed (or back to open)",
    description="A change the round's state does not allow is refused with 422 and the reason. "
    "Closing needs an organisation admin or PIE lead.",
)
def round_transition(request: HttpRequest, round_id: int, data: TransitionIn) -> dict[str, Any]:
    action, change = TRANSITIONS[data.to]
    round_ = get_round_for_user(request.user, round_id, action=action)
    return round_summary(change(round_=round_, by=request.user))


@router.post(
    "/rounds/{round_id}/next",
    response={201: RoundOut, **ERRORS},
    summary="Start the next round from a closed one",
    description="Same threads, with this round's beads as the ghosts to measure distance travelled from, "
    "and every open action carried over for review.",
)
def round_next(request: HttpRequest, round_id: int, data: RoundNextIn | None = None) -> Status[dict[str, Any]]:
    previous = get_round_for_user(request.user, round_id, action="round.start")
    data = data or RoundNextIn.model_validate({})
    round_ = services.round_next(previous=previous, by=request.user, held_on=data.held_on, title=data.title)
    return Status(201, _detail(round_))


@router.put(
    "/placements/{placement_id}",
    response={200: PlacementOut, **WRITE_ERRORS},
    summary="Place the team's bead (and target) on a thread",
    description="Only the team's beads (those listed under the round): a staff member's own bead or a service "
    "user's answer is not found here (404). Send the version you read; if someone saved in between, nothing is "
    "saved and the answer is 409 with both sides.",
)
def placement_change(request: HttpRequest, placement_id: int, data: PlacementIn) -> dict[str, Any]:
    placement = get_placement_for_user(request.user, placement_id, owner=Owner.TEAM, action="round.record")
    placement = services.placement_record(
        placement=placement, version=data.version, by=request.user, position=data.position, target=data.target
    )
    return placement_out(placement)
