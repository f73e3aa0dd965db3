"""API: many voices. Who has contributed, your own beads, the overlay, the agreed position, setting aside.

The same access helpers and services as the pages. Small numbers are never shown: a group under
the threshold is answered exactly as an empty one. Service users take part in the HTML pages only
(by link or by proxy); here they appear only as a group, never by name and never bead by bead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from openpie.assessments.access import Owner, get_contribution_for_user, get_round_for_user, require_overlay
from openpie.assessments.api.schemas_voices import (
    ConsensusIn,
    ConsensusOut,
    ContributionsOut,
    MyContributionOut,
    MyPlacementIn,
    MyPlacementOut,
    OverlayOut,
    OverlayQuery,
    VoidedOut,
    VoidIn,
)
from openpie.assessments.models import Contribution, Placement, Round, Thread
from openpie.assessments.overlay.contributors import (
    ContributorGroup,
    contributor_name,
    has_team_bead,
    own_beads_changeable,
    own_contribution,
    own_placement,
    own_placements,
    round_contributors,
    round_thread,
)
from openpie.assessments.overlay.privacy import INSIDE
from openpie.assessments.overlay.selectors import (
    SERVICE_USERS,
    STAFF,
    GroupView,
    RoundOverlay,
    ThreadOverlay,
    round_overlay,
)
from openpie.assessments.services.contributions import (
    consensus_record,
    contribution_for_member,
    contribution_void,
    live_session,
    own_placement_record,
)
from openpie.assessments.services.stages import require_editable
from openpie.audit.services import comments_shown, contribution_view_record
from openpie.common.api_schemas import ERRORS, READ_ERRORS, WRITE_ERRORS, ErrorOut

router = Router(tags=["Many voices"])

# A read that may be refused (the overlay before it is shown).
GUARDED_READ_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: ErrorOut}


def _thread_of(round_: Round, thread_id: int) -> Thread:
    thread = round_thread(round_=round_, thread_id=thread_id)
    if thread is None:
        raise Http404(_("No such thread in this round."))
    return thread


# Who has contributed ----------------------------------------------------------------------------


def _staff_item(c: Contribution) -> dict[str, Any]:
    return {
        "id": c.pk,
        "state": c.state,
        "author_id": c.author_id,
        "name": contributor_name(c),
        "beads_placed": c.beads_placed,  # type: ignore[attr-defined]
        "created_at": c.created_at,
        "submitted_at": c.submitted_at,
    }


def _service_user_item(c: Contribution) -> dict[str, Any]:
    return {
        "id": c.pk,
        "state": c.state,
        "created_on": c.created_at.date(),
        "submitted_on": c.submitted_at.date() if c.submitted_at else None,
    }


def _group_out(group: ContributorGroup, item: Callable[[Contribution], dict[str, Any]]) -> dict[str, Any]:
    return {"shown": group.shown, "count": group.count, "items": [item(c) for c in group.items]}


@router.get(
    "/rounds/{round_id}/contributions",
    response={200: ContributionsOut, **READ_ERRORS},
    summary="Who has contributed to a round (never anyone's beads)",
    description="The team's agreed view, staff members by name with how many beads they have placed, and "
    "service users only as a group: never a name, and only the day they took part. A group smaller than "
    "`threshold` (service users who withdrew are not counted) is given as `shown: false` with nothing else, "
    "exactly as an empty one.",
)
def contribution_list(request: HttpRequest, round_id: int) -> dict[str, Any]:
    found = round_contributors(round_=get_round_for_user(request.user, round_id))
    return {
        "round_id": found.round.pk,
        "threshold": found.threshold,
        "team": found.team,
        "staff": _group_out(found.staff, _staff_item),
        "service_users": _group_out(found.service_users, _service_user_item),
    }


# Your own beads ---------------------------------------------------------------------------------


def _my_out(round_: Round, mine: Contribution) -> dict[str, Any]:
    return {
        "id": mine.pk,
        "round_id": round_.pk,
        "state": mine.state,
        "created_at": mine.created_at,
        "submitted_at": mine.submitted_at,
        "can_change": own_beads_changeable(round_=round_, mine=mine, live=live_session(round_)),
        "placements": own_placements(mine),
    }


@router.get(
    "/rounds/{round_id}/contributions/mine",
    response={200: MyContributionOut, **READ_ERRORS},
    summary="Your own beads in a round",
    description="404 until you have started your own beads (`POST` to this address).",
)
def my_contribution(request: HttpRequest, round_id: int) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id)
    mine = own_contribution(round_=round_, user=request.user)
    if mine is None:
        raise Http404(_("You have no beads of your own in this round yet."))
    return _my_out(round_, mine)


@router.post(
    "/rounds/{round_id}/contributions/mine",
    response={200: MyContributionOut, 201: MyContributionOut, **ERRORS},
    summary="Start your own beads in a round (once: asking again gives the same ones)",
    description="Only while the round asks for individual beads (the lead invited the team, or a session is "
    "running); otherwise 422 with the reason. 201 when they are new, 200 when you had them already.",
)
def my_contribution_start(request: HttpRequest, round_id: int) -> Status[dict[str, Any]]:
    round_ = get_round_for_user(request.user, round_id, action="round.contribute")
    existed = own_contribution(round_=round_, user=request.user) is not None
    mine = contribution_for_member(round_=round_, user=request.user)
    return Status(200 if existed else 201, _my_out(round_, mine))


@router.put(
    "/rounds/{round_id}/contributions/mine/placements/{thread_id}",
    response={200: MyPlacementOut, **WRITE_ERRORS},
    summary="Place your own bead on a thread",
    description="Starts your own beads if you had none. Send the version you read; if it has moved on "
    "(you saved from another device), nothing is saved and the answer is 409 with both sides.",
)
def my_placement_change(request: HttpRequest, round_id: int, thread_id: int, data: MyPlacementIn) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id, action="round.contribute")
    thread = _thread_of(round_, thread_id)
    mine = contribution_for_member(round_=round_, user=request.user)
    placement = own_placement(mine=mine, thread=thread)
    if placement is None:
        raise Http404(_("This thread has no bead of yours."))
    placement.contribution, placement.thread = mine, thread
    placement = own_placement_record(placement=placement, version=data.version, by=request.user, position=data.position)
    return {"id": placement.pk, "thread_id": thread.pk, "position": placement.position, "version": placement.version}


# The overlay ------------------------------------------------------------------------------------


_HIDDEN: dict[str, Any] = {
    "count": None,
    "positions": [],
    "median": None,
    "lower_quartile": None,
    "upper_quartile": None,
    "lowest": None,
    "highest": None,
    "agreement": None,
    "agreement_words": None,
    "average_deviation": None,
}


def group_out(group: GroupView) -> dict[str, Any]:
    """A group as JSON: only its key, label and ``shown: false`` when it is hidden."""
    out: dict[str, Any] = {"key": group.key, "label": group.label, "shown": group.shown, **_HIDDEN}
    if not group.shown or group.spread is None:
        return out
    spread = group.spread.as_dict()
    return {
        **out,
        **spread,
        "positions": list(group.positions),
        "agreement": group.agreement,
        "agreement_words": group.agreement_words,
        "average_deviation": None if group.ad is None else round(group.ad, 2),
        "release": group.release_words,
    }


def _team_out(placement: Placement | None) -> dict[str, Any] | None:
    if placement is None:
        return None
    fields = ("id", "position", "target", "version", "agreed_from")
    return {name: getattr(placement, name) for name in fields}


def thread_overlay_out(found: ThreadOverlay) -> dict[str, Any]:
    thread = found.summary.thread
    return {
        "thread_id": thread.pk,
        "key": thread.key,
        "name": thread.name,
        "short_name": thread.short_name,
        "team": _team_out(found.summary.placement),
        "groups": [group_out(g) for g in found.groups],
        "gap": found.gap,
        "agreement_everyone": found.agreement_everyone,
        "comments": list(found.comments),
        "barriers": [
            {
                "id": f.pk,
                "text": f.text,
                "barrier_kind": {"key": f.barrier_kind.key, "name": f.barrier_kind.name} if f.barrier_kind else None,
            }
            for f in found.summary.barriers
        ],
    }


def overlay_out(overlay: RoundOverlay) -> dict[str, Any]:
    framework = overlay.round.framework
    return {
        "round_id": overlay.round.pk,
        "threshold": overlay.threshold,
        "entered": overlay.entered,
        "entered_label": overlay.entered_label,
        "scale": {
            "levels": framework.levels,
            "positions_per_level": framework.positions_per_level,
            "position_count": framework.position_count,
        },
        "threads": [thread_overlay_out(t) for t in overlay.threads],
        "agreement_round": {key: overlay.agreement_round(key) for key in (STAFF, SERVICE_USERS)},
    }


@router.get(
    "/rounds/{round_id}/overlay",
    response={200: OverlayOut, **GUARDED_READ_ERRORS},
    summary="The overlay: every group's beads on each thread, with the team's agreed bead",
    description="Staff members and service users are separate groups, never pooled. Each block of a group "
    "(staff; service users by how they took part) shows only whole batches of `threshold` answers, in the "
    "order they came in; a group with nothing to show is `shown: false` with nothing else. "
    "403 while the overlay is not shown to you: leads and managers see it at any time, everyone on the "
    "round once it is in review or a facilitated session has revealed it; while a session is running "
    "and not yet revealed, nobody does.",
)
def overlay(request: HttpRequest, round_id: int, query: Query[OverlayQuery]) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id)
    require_overlay(request.user, round_)
    found = round_overlay(round_, audience=INSIDE, entered=query.entered)
    contribution_view_record(by=request.user, round_=round_, page="api-overlay", shown=comments_shown(found))
    return overlay_out(found)


# The agreed position ----------------------------------------------------------------------------


@router.post(
    "/rounds/{round_id}/threads/{thread_id}/consensus",
    response={200: ConsensusOut, **WRITE_ERRORS},
    summary="Record the team's agreed bead on a thread, with the spread it was agreed from",
    description="For those who record the round and can see the overlay. The spread kept beside the agreed "
    "bead has only the groups large enough to show. Send the team bead's version you read; a stale one "
    "gets 409 with both sides.",
)
def consensus(request: HttpRequest, round_id: int, thread_id: int, data: ConsensusIn) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id, action="round.record")
    thread = _thread_of(round_, thread_id)
    require_overlay(request.user, round_)
    require_editable(round_)
    if not has_team_bead(round_=round_, thread=thread):
        raise Http404(_("This thread has no team bead."))
    placement = consensus_record(
        round_=round_, thread=thread, position=data.position, version=data.version, by=request.user
    )
    fields = ("id", "thread_id", "position", "target", "version", "agreed_from")
    return {name: getattr(placement, name) for name in fields}


# Setting a contribution aside -------------------------------------------------------------------


@router.post(
    "/contributions/{contribution_id}/void",
    response={200: VoidedOut, **ERRORS},
    summary="Set aside a contribution (a spoiled or abusive one): it no longer counts anywhere",
    description="For the organisation admin or PIE lead; recorded in the audit trail with the reason. "
    "Only a staff member's own beads or a service user's answers: the team's agreed view is not found here "
    "(404). One already withdrawn or voided cannot be set aside again (422).",
)
def contribution_set_aside(request: HttpRequest, contribution_id: int, data: VoidIn) -> dict[str, Any]:
    contribution = get_contribution_for_user(
        request.user, contribution_id, owner=Owner.VOICES, action="contribution.void"
    )
    voided = contribution_void(contribution=contribution, by=request.user, reason=data.reason)
    fields = ("id", "round_id", "kind", "state", "ended_at", "void_reason")
    return {name: getattr(voided, name) for name in fields}
