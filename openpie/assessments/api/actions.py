"""API: what we will do (a round's action plan) and the caller's own actions across rounds."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from openpie.accounts.models import User
from openpie.assessments import services
from openpie.assessments.access import get_action_for_user, get_round_for_user
from openpie.assessments.api.common import action_out, api_field_names, my_action_out, page
from openpie.assessments.api.schemas import ActionIn, ActionOut, ActionPage, ActionPatch, MyActionPage
from openpie.assessments.models import Factor, Round, Thread
from openpie.assessments.selectors import my_actions, round_actions
from openpie.common.api_schemas import ERRORS, READ_ERRORS, WRITE_ERRORS, PageQuery

router = Router()


@router.get(
    "/rounds/{round_id}/actions",
    response={200: ActionPage, **READ_ERRORS},
    summary="A round's action plan: carried-over actions first, then by due date",
)
def action_list(request: HttpRequest, round_id: int, query: Query[PageQuery]) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id)
    return page(round_actions(round_), query, action_out)


@router.get(
    "/me/actions",
    response={200: MyActionPage, 401: READ_ERRORS[401], 422: READ_ERRORS[422]},
    summary="Your own actions, across every round you can see",
)
def my_action_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    return page(my_actions(request.user), query, lambda a: my_action_out(a, owner=request.user))


def _owner(owner_id: int | None) -> User | None:
    if owner_id is None:
        return None
    owner = User.objects.filter(pk=owner_id, is_active=True).first()
    if owner is None:
        raise ValidationError({"owner_id": _("Choose someone who is a member of this team")})
    return owner


def _thread(round_: Round, thread_id: int | None) -> Thread | None:
    if thread_id is None:
        return None
    thread = Thread.objects.filter(pk=thread_id, round=round_).first()
    if thread is None:
        raise ValidationError({"thread_id": _("Choose a thread of this round")})
    return thread


def _factor(round_: Round, factor_id: int | None) -> Factor | None:
    if factor_id is None:
        return None
    factor = Factor.objects.select_related("thread").filter(pk=factor_id, thread__round=round_).first()
    if factor is None:
        raise ValidationError({"factor_id": _("Choose a factor of this round")})
    return factor


@router.post(
    "/rounds/{round_id}/actions",
    response={201: ActionOut, **ERRORS},
    summary="Add an action to a round's plan",
    description="The owner is a member of the team (`owner_id`) or someone named without an account "
    "(`owner_name`). A factor links its thread too.",
)
def action_create(request: HttpRequest, round_id: int, data: ActionIn) -> Status[dict[str, Any]]:
    round_ = get_round_for_user(request.user, round_id, action="round.record")
    with api_field_names():
        action = services.action_add(
            round_=round_,
            by=request.user,
            what=data.what,
            owner=_owner(data.owner_id),
            owner_name=data.owner_name,
            due_on=data.due_on,
            status=data.status,
            thread=_thread(round_, data.thread_id),
            factor=_factor(round_, data.factor_id),
        )
    return Status(201, action_out(action))


@router.patch(
    "/actions/{action_id}",
    response={200: ActionOut, **WRITE_ERRORS},
    summary="Change an action, or note how it went",
    description="Fields left out keep their value; null clears an owner, due date, thread or factor. "
    "Send the version you read; if someone saved in between, nothing is saved and the answer is 409.",
)
def action_change(request: HttpRequest, action_id: int, data: ActionPatch) -> dict[str, Any]:
    action = get_action_for_user(request.user, action_id, action="round.record")
    round_ = action.round
    values: dict[str, Any] = {
        "what": action.what,
        "owner": action.owner,
        "owner_name": action.owner_name,
        "due_on": action.due_on,
        "status": action.status,
        "thread": action.thread,
        "factor": _factor(round_, action.factor_id),
        "review_note": action.review_note,
    }
    sent = data.model_fields_set
    if "owner_id" in sent:
        values["owner"] = _owner(data.owner_id)
    if "thread_id" in sent:
        values["thread"] = _thread(round_, data.thread_id)
    if "factor_id" in sent:
        values["factor"] = _factor(round_, data.factor_id)
    if "due_on" in sent:
        values["due_on"] = data.due_on
    values.update(data.model_dump(include={"what", "owner_name", "status", "review_note"}, exclude_none=True))
    with api_field_names():
        changed = services.action_update(action=action, version=data.version, by=request.user, **values)
    return action_out(changed)


@router.delete(
    "/actions/{action_id}",
    response={204: None, **ERRORS},
    summary="Remove an action",
)
def action_delete(request: HttpRequest, action_id: int) -> Status[None]:
    action = get_action_for_user(request.user, action_id, action="round.record")
    services.action_remove(action=action, by=request.user)
    return Status(204, None)
