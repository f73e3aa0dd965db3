"""What needs a person's attention, gathered from each part of OpenPIE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
            _("The invitation for %(email)s to %(unit)s expires soon.") % {"email": i.email, "unit": i.unit.name},
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
                    _("Set up %(name)s: add its services and teams, invite people and start the first round.")
                    % {"name": unit.name},
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
            _("%(organisation)s asks to see your %(scope)s (%(unit)s and below).")
            % {"organisation": g.grantee.name, "scope": g.get_scope_display().lower(), "unit": g.unit.name},
            reverse("sharing:organisation", args=[g.granter_id]),
        )
        for g in waiting.order_by("requested_at")
    ]


def _overdue_items(user: User) -> list[AttentionItem]:
    """The person's own actions past their due date."""
    overdue = my_actions(user).filter(overdue_q()).count()
    if not overdue:
        return []
    text = ngettext(
        "You have %(count)s action past its due date.", "You have %(count)s actions past their due date.", overdue
    ) % {"count": overdue}
    return [AttentionItem(text, reverse("assessments:my-actions"))]


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
            ngettext(
                "%(unit)s flagged %(count)s barrier outside their control to managers.",
                "%(unit)s flagged %(count)s barriers outside their control to managers.",
                r["count"],
            )
            % {"unit": r["thread__round__unit__name"], "count": r["count"]},
            reverse("assessments:round", args=[r["thread__round"]]),
        )
        for r in found[:BARRIER_LINES]
    ]
    if more:
        lines.append(AttentionItem(_("More services have flagged barriers to managers."), reverse("barriers:register")))
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
