"""What the rounds API's operations share: pages, the API's names for fields, and items as JSON."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError

from openpie.assessments.models import Action, Evidence, Factor, Placement, Round
from openpie.assessments.selectors import ThreadSummary
from openpie.common.api_schemas import PageQuery, page  # noqa: F401 (the rounds' lists use them from here)

# The services name related items as the models do; the API's bodies name them by id.
API_NAMES = {"framework": "framework_id", "owner": "owner_id", "thread": "thread_id", "factor": "factor_id"}


@contextmanager
def api_field_names() -> Iterator[None]:
    """A service's field errors under the names the request body uses (``owner`` → ``owner_id``)."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({API_NAMES.get(name, name): errors for name, errors in exc.error_dict.items()}) from exc


def round_summary(round_: Round) -> dict[str, Any]:
    fields = ("id", "unit_id", "framework_id", "form", "state", "title", "held_on", "previous_id", "theme_keys")
    return {
        **{name: getattr(round_, name) for name in fields},
        "is_editable": round_.is_editable,
        "created_at": round_.created_at,
        "opened_at": round_.opened_at,
        "closed_at": round_.closed_at,
    }


def placement_out(placement: Placement) -> dict[str, Any]:
    fields = ("id", "thread_id", "position", "target", "previous_position", "distance", "version")
    return {name: getattr(placement, name) for name in fields}


def _barrier_kind(factor: Factor) -> dict[str, str] | None:
    kind = factor.barrier_kind
    return {"key": kind.key, "name": kind.name} if kind is not None else None


def thread_out(summary: ThreadSummary) -> dict[str, Any]:
    thread = summary.thread
    fields = ("id", "key", "kind", "theme_key", "position", "name", "short_name", "description", "guiding_questions")
    return {
        **{name: getattr(thread, name) for name in fields},
        "placement": placement_out(summary.placement) if summary.placement is not None else None,
        "evidence_count": len(summary.evidence),
        "factor_count": len(summary.factors),
        "action_count": len(summary.actions),
        "barrier_count": len(summary.barriers),
        "barriers": [{"id": f.pk, "text": f.text, "barrier_kind": _barrier_kind(f)} for f in summary.barriers],
    }


def round_out(round_: Round, threads: list[ThreadSummary]) -> dict[str, Any]:
    framework = round_.framework
    return {
        **round_summary(round_),
        "scale": {
            "levels": framework.levels,
            "positions_per_level": framework.positions_per_level,
            "position_count": framework.position_count,
        },
        "threads": [thread_out(t) for t in threads],
    }


_EDITED = ("id", "version", "created_at", "updated_at")


def evidence_out(evidence: Evidence) -> dict[str, Any]:
    fields = (*_EDITED, "thread_id", "text", "file_name", "file_type", "file_size")
    return {name: getattr(evidence, name) for name in fields}


def factor_out(factor: Factor) -> dict[str, Any]:
    fields = (*_EDITED, "thread_id", "effect", "control", "text", "is_barrier", "flag_managers", "funder", "shareable")
    return {**{name: getattr(factor, name) for name in fields}, "barrier_kind": _barrier_kind(factor)}


def action_out(action: Action, *, owner: Any = None) -> dict[str, Any]:
    """An action; ``owner`` saves a query when the caller already has the owner at hand."""
    fields = (*_EDITED, "round_id", "thread_id", "factor_id", "owner_id", "due_on", "status", "carried_from_id")
    owner = owner if owner is not None else (action.owner if action.owner_id is not None else None)
    return {
        **{name: getattr(action, name) for name in fields},
        "what": action.what,
        "owner_name": owner.get_full_name() if owner is not None else action.owner_name,
        "is_overdue": action.is_overdue,
        "review_note": action.review_note,
    }


def my_action_out(action: Action, *, owner: Any) -> dict[str, Any]:
    round_ = action.round
    return {
        **action_out(action, owner=owner),
        "round_title": round_.title,
        "unit_id": round_.unit_id,
        "unit_name": round_.unit.name,
    }
