"""What needs a person's attention, gathered from each part of OpenPIE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from openpie.organisations.access import can, memberships_for
from openpie.organisations.models import Invitation, Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


@dataclass(frozen=True)
class AttentionItem:
    message: str
    href: str


def _invitation_items(user: User) -> list[AttentionItem]:
    """Invitations about to expire unanswered, in units where the person invites."""
    units = [m.unit for m in memberships_for(user) if can(user, "member.invite", m.unit)]
    now = timezone.now()
    waiting = Invitation.objects.filter(
        status=Invitation.Status.PENDING,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=3),
        unit__in=Unit.objects.below_any(units),
    ).select_related("unit")
    return [
        AttentionItem(
            f"The invitation for {i.email} to {i.unit.name} expires soon.",
            reverse("organisations:unit", args=[i.unit_id]),
        )
        for i in waiting
    ]


def _setup_items(user: User) -> list[AttentionItem]:
    """Organisation admins with a tree of one unit are nudged to add their services and teams."""
    items = []
    for membership in memberships_for(user):
        unit = membership.unit
        if unit.parent_id is None and can(user, "unit.add", unit) and not unit.children.exists():
            items.append(
                AttentionItem(
                    f"Add the services and teams of {unit.name}.", reverse("organisations:unit-add", args=[unit.pk])
                )
            )
    return items


def attention_for(user: User) -> list[AttentionItem]:
    return [*_setup_items(user), *_invitation_items(user)]
