"""What needs a person's attention, gathered from each part of OpenPIE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from openpie.assessments.models import Factor
from openpie.assessments.selectors import my_actions, overdue_q
from openpie.onboarding.selectors import first_hour_pending
from openpie.organisations.access import can, memberships_for
from openpie.organisations.models import Invitation, Role, Unit
from openpie.organisations.permissions import roles_allowed
from openpie.sharing.models import SharingGrant

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
    """Organisation admins are sent to their organisation's set-up tasks until they are done."""
    items = []
    for membership in memberships_for(user):
        unit = membership.unit
        top_admin = unit.parent_id is None and can(user, "organisation.change", unit)
        if top_admin and first_hour_pending(organisation=unit.organisation, user=user):
            items.append(
                AttentionItem(
                    f"Set up {unit.name}: add its services and teams, invite people and start the first round.",
                    reverse("onboarding:tasks", args=[unit.organisation_id]),
                )
            )
    return items


def _sharing_items(user: User) -> list[AttentionItem]:
    """Requests to share that wait for the person's decision (they decide at their organisation's top unit)."""
    deciding = [
        m.unit.organisation_id
        for m in memberships_for(user)
        if m.unit.parent_id is None and can(user, "grant.decide", m.unit)
    ]
    if not deciding:
        return []
    waiting = SharingGrant.objects.filter(granter__in=deciding, state=SharingGrant.State.REQUESTED).select_related(
        "grantee", "unit"
    )
    return [
        AttentionItem(
            f"{g.grantee.name} asks to see your {g.get_scope_display().lower()} ({g.unit.name} and below).",
            reverse("sharing:organisation", args=[g.granter_id]),
        )
        for g in waiting.order_by("requested_at")
    ]


def _overdue_items(user: User) -> list[AttentionItem]:
    """The person's own actions past their due date."""
    overdue = my_actions(user).filter(overdue_q()).count()
    if not overdue:
        return []
    text = "1 action past its due date" if overdue == 1 else f"{overdue} actions past their due date"
    return [AttentionItem(f"You have {text}.", reverse("assessments:my-actions"))]


BARRIER_DAYS = 90
BARRIER_LINES = 5  # the home page lists this many rounds at most; the register has the rest
MANAGING_ROLES = {Role.MANAGER, Role.PIE_LEAD, Role.ORG_ADMIN}


def _barrier_items(user: User) -> list[AttentionItem]:
    """Barriers flagged to managers lately, in rounds of the units the person manages: one line a round,
    the newest few only (the page stays the same size however many services), then a line to the register."""
    managed = [m.unit for m in memberships_for(user) if m.role in MANAGING_ROLES]
    if not managed:
        return []
    rounds = (
        Factor.objects.filter(
            effect=Factor.Effect.HINDERS,
            control=Factor.Control.OUTSIDE,
            flag_managers=True,
            thread__round__unit__in=Unit.objects.below_any(managed),
            created_at__gte=timezone.now() - timedelta(days=BARRIER_DAYS),
        )
        .values("thread__round", "thread__round__unit__name")
        .annotate(count=Count("pk"))
        .order_by("-thread__round__held_on", "thread__round__unit__name")[: BARRIER_LINES + 1]
    )
    found = list(rounds)
    more = len(found) > BARRIER_LINES
    lines = [
        AttentionItem(
            f"{r['thread__round__unit__name']} flagged {r['count']} barrier{'s' if r['count'] != 1 else ''} "
            "outside their control to managers.",
            reverse("assessments:round", args=[r["thread__round"]]),
        )
        for r in found[:BARRIER_LINES]
    ]
    if more:
        lines.append(AttentionItem("More services have flagged barriers to managers.", reverse("barriers:register")))
    return lines


def sees_barriers_register(user: User) -> bool:
    """Managers (and whoever may respond to barriers) get a link to the barriers register."""
    allowed = (set(roles_allowed("barrier.view")) & MANAGING_ROLES) | set(roles_allowed("barrier.respond"))
    return any(m.role in allowed for m in memberships_for(user))


def attention_for(user: User) -> list[AttentionItem]:
    return [
        *_setup_items(user),
        *_sharing_items(user),
        *_invitation_items(user),
        *_overdue_items(user),
        *_barrier_items(user),
    ]
