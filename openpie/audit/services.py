"""Recording events in the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models

from openpie.audit.models import AuditEvent
from openpie.organisations.models import Organisation


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organisation: Organisation | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add one event; ``actor`` is a signed-in person or ``None`` for someone without an account."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=detail,
    )
