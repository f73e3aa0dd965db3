"""Recording events in the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models

from openpie.audit.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organisation: models.Model | int | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add one event; ``actor`` is a signed-in person or ``None`` for someone without an account.

    ``detail`` holds ids and non-personal labels only (never names, email addresses or free
    text): events are never changed, so anything personal in them could not be erased.
    """
    return AuditEvent.objects.create(
        actor_id=actor.pk if getattr(actor, "is_authenticated", False) else None,
        organisation_id=organisation.pk if isinstance(organisation, models.Model) else organisation,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=detail,
    )


def audit_record_many(*, actor: Any, action: str, targets: list[models.Model], organisation: Any = None) -> None:
    """One event for each of several records, in one INSERT (a page that shows many of them)."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    organisation_id = organisation.pk if isinstance(organisation, models.Model) else organisation
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_id=actor_id,
            organisation_id=organisation_id,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
        )
        for target in targets
    )


def contribution_view_record(
    *, by: Any, round_: Any, page: str, shown: int, target: models.Model | None = None
) -> None:
    """A person saw service users' own words or answers on ``page``: one event per page view, not per row."""
    if shown:
        organisation = round_.unit.organisation_id
        audit_record(
            actor=by,
            action="contribution.view",
            target=target or round_,
            organisation=organisation,
            page=page,
            shown=shown,
        )


def comments_shown(overlay: Any) -> int:
    """How many service users' comments an overlay (``RoundOverlay``) shows."""
    return sum(len(thread.comments) for thread in overlay.threads)
