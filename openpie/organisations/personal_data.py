"""What organisations holds of a person: their roles and invitations (openpie/common/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from openpie.common.personal_data import Holding, Section, erased_email, register
from openpie.organisations.models import Invitation, Membership


def memberships(person: Any) -> list[dict[str, Any]]:
    rows = Membership.objects.filter(user=person).select_related("unit__organisation").order_by("pk")
    return [{"organisation": m.unit.organisation.name, "unit": m.unit.name, "role": m.get_role_display()} for m in rows]


def invitations(person: Any) -> dict[str, list[dict[str, Any]]]:
    rows = (
        Invitation.objects.filter(Q(email__iexact=person.email) | Q(invited_by=person) | Q(accepted_by=person))
        .select_related("unit__organisation")
        .order_by("created_at")
    )

    def out(i: Invitation) -> dict[str, Any]:
        return {
            "unit": i.unit.name,
            "organisation": i.unit.organisation.name,
            "role": i.get_role_display(),
            "status": i.get_status_display(),
            "sent": i.created_at,
        }

    return {
        "received": [out(i) for i in rows if i.email.lower() == person.email.lower() or i.accepted_by_id == person.pk],
        "sent": [{**out(i), "to": i.email} for i in rows if i.invited_by_id == person.pk],
    }


def erase(person: Any) -> None:
    """Invitations to their address lose it; their roles go (last, once every other app is done)."""
    Invitation.objects.filter(Q(email__iexact=person.email)).update(email=erased_email(person))
    Membership.objects.filter(user=person).delete()


register(
    Holding(
        app="organisations",
        links={
            "Membership.user": "memberships",
            "Invitation.invited_by": "invitations",
            "Invitation.accepted_by": "invitations",
        },
        sections=(
            Section("memberships", "Your roles", memberships, order=10),
            # Two tables in the PDF, received and sent (openpie/privacy/services/subject_access.py).
            Section("invitations", None, invitations, order=20),
        ),
        erase=erase,
        erase_order=90,
    )
)
