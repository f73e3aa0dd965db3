"""What the audit trail holds of a person: what it records them doing (openpie/common/personal_data.py).

Erasing a person leaves the trail as it is: it holds only ids, and shows the anonymised account.
"""

from __future__ import annotations

from typing import Any

from openpie.audit.labels import action_label, record_label
from openpie.audit.models import AuditEvent
from openpie.common.personal_data import Holding, Section, register


def audit_events(person: Any) -> list[dict[str, Any]]:
    # The organisation is a plain id: one that has gone is joined as nothing, and named as nothing.
    events = AuditEvent.objects.filter(actor_id=person.pk).select_related("organisation").order_by("at", "pk")
    return [
        {
            "at": e.at,
            "what": action_label(e.action),
            "action": e.action,
            "record": record_label(e.target_type),
            "record_id": e.target_id,
            "organisation": e.organisation.name if e.organisation else "",
            "detail": e.detail,
        }
        for e in events
    ]


register(
    Holding(
        app="audit",
        links={"AuditEvent.actor": "audit_events"},
        sections=(Section("audit_events", "What the audit trail records you doing", audit_events, order=160),),
    )
)
