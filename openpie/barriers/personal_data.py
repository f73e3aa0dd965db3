"""What barriers holds of a person: their responses to barriers and their notifications
(openpie/common/personal_data.py)."""

from __future__ import annotations

from typing import Any

from openpie.barriers.models import BarrierResponse, Notification
from openpie.common.personal_data import KEPT, Holding, Section, register


def barrier_responses(person: Any) -> list[dict[str, Any]]:
    rows = BarrierResponse.objects.filter(responder=person).order_by("created_at")
    return [{"status": r.get_status_display(), "text": r.text, "at": r.created_at} for r in rows]


def notifications(person: Any) -> list[dict[str, Any]]:
    rows = Notification.objects.filter(recipient=person).order_by("created_at")
    return [{"text": n.text, "at": n.created_at, "read": n.read_at} for n in rows]


def erase(person: Any) -> None:
    Notification.objects.filter(recipient=person).delete()


register(
    Holding(
        app="barriers",
        links={
            "BarrierResponse.responder": "barrier_responses",
            "Notification.recipient": "notifications",
            "BarrierStatusChange.changed_by": f"{KEPT}: a step in a barrier's life, shown in the audit trail",
            "LocalityCall.created_by": f"{KEPT}: a call to services, made for an organisation",
        },
        sections=(
            Section("barrier_responses", "Your responses to barriers", barrier_responses, order=90),
            Section("notifications", "Your notifications", notifications, order=150),
        ),
        erase=erase,
        erase_order=30,
    )
)
