"""API: what tells us so (evidence) and what helps or hinders (factors; outside-control hindrances are barriers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from openpie.assessments import services
from openpie.assessments.access import (
    get_evidence_for_user,
    get_factor_for_user,
    get_round_for_user,
    get_thread_for_user,
)
from openpie.assessments.api.common import evidence_out, factor_out, page
from openpie.assessments.api.schemas import (
    EvidenceIn,
    EvidenceOut,
    EvidencePage,
    EvidencePatch,
    FactorIn,
    FactorOut,
    FactorPage,
    FactorPatch,
)
from openpie.assessments.models import Evidence, Factor, Round
from openpie.common.api_schemas import ERRORS, READ_ERRORS, WRITE_ERRORS, PageQuery
from openpie.frameworks.models import BarrierKind

router = Router()

_VERSIONED = "Send the version you read; if someone saved in between, nothing is saved and the answer is 409."

# Evidence ---------------------------------------------------------------------------------------


@router.get(
    "/rounds/{round_id}/evidence",
    response={200: EvidencePage, **READ_ERRORS},
    summary="Evidence of a round, thread by thread",
)
def evidence_list(request: HttpRequest, round_id: int, query: Query[PageQuery]) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id)
    items = Evidence.objects.filter(thread__round=round_).order_by("thread__position", "created_at", "pk")
    return page(items, query, evidence_out)


@router.post(
    "/threads/{thread_id}/evidence",
    response={201: EvidenceOut, **ERRORS},
    summary="Add evidence to a thread",
    description="Text only: files are attached in the HTML pages (where they are checked), not through the API.",
)
def evidence_create(request: HttpRequest, thread_id: int, data: EvidenceIn) -> Status[dict[str, Any]]:
    thread = get_thread_for_user(request.user, thread_id, action="round.record")
    evidence = services.evidence_add(thread=thread, by=request.user, text=data.text)
    return Status(201, evidence_out(evidence))


@router.patch(
    "/evidence/{evidence_id}",
    response={200: EvidenceOut, **WRITE_ERRORS},
    summary="Change the text of evidence",
    description=_VERSIONED,
)
def evidence_change(request: HttpRequest, evidence_id: int, data: EvidencePatch) -> dict[str, Any]:
    evidence = get_evidence_for_user(request.user, evidence_id, action="round.record")
    changed = services.evidence_update(evidence=evidence, version=data.version, by=request.user, text=data.text)
    return evidence_out(changed)


@router.delete(
    "/evidence/{evidence_id}",
    response={204: None, **ERRORS},
    summary="Remove evidence (and its file)",
)
def evidence_delete(request: HttpRequest, evidence_id: int) -> Status[None]:
    evidence = get_evidence_for_user(request.user, evidence_id, action="round.record")
    services.evidence_remove(evidence=evidence, by=request.user)
    return Status(204, None)


# Factors ----------------------------------------------------------------------------------------


@router.get(
    "/rounds/{round_id}/factors",
    response={200: FactorPage, **READ_ERRORS},
    summary="What helps and hinders in a round, with its barriers",
)
def factor_list(request: HttpRequest, round_id: int, query: Query[PageQuery]) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id)
    items = (
        Factor.objects.filter(thread__round=round_)
        .select_related("barrier_kind")
        .order_by("thread__position", "created_at", "pk")
    )
    return page(items, query, factor_out)


def _barrier_kind(round_: Round, key: str | None) -> BarrierKind | None:
    if not key:
        return None
    kind = BarrierKind.objects.filter(framework_id=round_.framework_id, key=key).first()
    if kind is None:
        raise ValidationError({"barrier_kind": _("Choose a kind of barrier from the round's framework")})
    return kind


@contextmanager
def _barrier_kinds_by_key() -> Iterator[None]:
    """A conflict shows the kind of barrier by its key, as the request body names it."""
    try:
        yield
    except services.EditConflictError as conflict:

        def keyed(values: dict[str, Any]) -> dict[str, Any]:
            kind = values.get("barrier_kind")
            return {**values, "barrier_kind": kind.key} if isinstance(kind, BarrierKind) else values

        raise services.EditConflictError(
            current=conflict.current, theirs=keyed(conflict.theirs), yours=keyed(conflict.yours)
        ) from conflict


@router.post(
    "/threads/{thread_id}/factors",
    response={201: FactorOut, **ERRORS},
    summary="Add what helps or hinders on a thread",
    description="A hindrance outside your control is a barrier: it needs a kind of barrier, and your managers "
    "or a named funder (or both) to hear about it.",
)
def factor_create(request: HttpRequest, thread_id: int, data: FactorIn) -> Status[dict[str, Any]]:
    thread = get_thread_for_user(request.user, thread_id, action="round.record")
    values = data.model_dump()
    values["barrier_kind"] = _barrier_kind(thread.round, data.barrier_kind)
    factor = services.factor_add(thread=thread, by=request.user, **values)
    return Status(201, factor_out(factor))


@router.patch(
    "/factors/{factor_id}",
    response={200: FactorOut, **WRITE_ERRORS},
    summary="Change what helps or hinders",
    description="Fields left out keep their value. " + _VERSIONED,
)
def factor_change(request: HttpRequest, factor_id: int, data: FactorPatch) -> dict[str, Any]:
    factor = get_factor_for_user(request.user, factor_id, action="round.record")
    values: dict[str, Any] = {
        name: getattr(factor, name)
        for name in ("effect", "control", "text", "barrier_kind", "flag_managers", "funder", "shareable")
    }
    values.update(data.model_dump(exclude={"version", "barrier_kind"}, exclude_none=True))
    if "barrier_kind" in data.model_fields_set:
        values["barrier_kind"] = _barrier_kind(factor.thread.round, data.barrier_kind)
    with _barrier_kinds_by_key():
        changed = services.factor_update(factor=factor, version=data.version, by=request.user, **values)
    return factor_out(changed)


@router.delete(
    "/factors/{factor_id}",
    response={204: None, **ERRORS},
    summary="Remove what helps or hinders",
)
def factor_delete(request: HttpRequest, factor_id: int) -> Status[None]:
    factor = get_factor_for_user(request.user, factor_id, action="round.record")
    services.factor_remove(factor=factor, by=request.user)
    return Status(204, None)
