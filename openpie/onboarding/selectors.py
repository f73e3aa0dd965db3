"""Reads for starting organisations: the platform admin's list, and a new organisation's first hour."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext as _

from openpie.assessments.models import Round
from openpie.frameworks.models import CustomWording, LocalElement, UnitElementExclusion
from openpie.organisations.access import can
from openpie.organisations.models import PROVIDER_KINDS, Invitation, Membership, Organisation, Role, Unit
from openpie.sharing.models import SharingGrant

if TYPE_CHECKING:
    from openpie.accounts.models import User


@dataclass
class OrganisationRow:
    organisation: Organisation
    joined: list[str] = field(default_factory=list)  # names of its organisation admins at the top
    invitation: Invitation | None = None  # the latest first-admin invitation

    @property
    def first_admin(self) -> str:
        if self.joined:
            return _("Joined")
        if self.invitation is None or self.invitation.status == Invitation.Status.CANCELLED:
            return _("Not invited")
        if self.invitation.is_usable:
            return _("Invited, not joined yet")
        return _("Invitation expired")


def platform_organisations() -> list[OrganisationRow]:
    """Every organisation with whether its first admin is invited or has joined: three queries."""
    rows = {o.pk: OrganisationRow(o) for o in Organisation.objects.order_by("-created_at", "name")}
    admins = Membership.objects.filter(role=Role.ORG_ADMIN, unit__parent__isnull=True).select_related("user", "unit")
    for membership in admins:
        rows[membership.unit.organisation_id].joined.append(str(membership.user))
    invitations = Invitation.objects.filter(role=Role.ORG_ADMIN, unit__parent__isnull=True).select_related("unit")
    for invitation in invitations.order_by("created_at"):
        rows[invitation.unit.organisation_id].invitation = invitation
    return list(rows.values())


def first_admin_invitations(organisation: Organisation) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            unit__organisation=organisation, unit__parent__isnull=True, role=Role.ORG_ADMIN
        ).select_related("unit", "accepted_by")
    )


@dataclass(frozen=True)
class Task:
    key: str
    title: str
    done: bool
    hint: str
    links: list[tuple[str, str]]
    optional: bool = False

    @property
    def status(self) -> str:
        if self.done:
            return _("Completed")
        return _("Optional") if self.optional else _("Incomplete")


def _first_team(organisation: Organisation, user: Any) -> Unit | None:
    """The first unit with nothing below it where the person may start a round."""
    units = list(Unit.objects.filter(organisation=organisation).select_related("organisation").order_by("path"))
    parents = {u.parent_id for u in units}
    return next((u for u in units if u.pk not in parents and u.parent_id and can(user, "round.start", u)), None)


def first_hour(*, organisation: Organisation, user: User) -> list[Task]:
    """The new organisation's set-up tasks, each done or not from what is recorded (a fixed number of queries)."""
    pk = organisation.pk
    top = Unit.objects.get(organisation=organisation, parent__isnull=True)
    units = Unit.objects.filter(organisation=organisation).count()
    people = Membership.objects.filter(unit__organisation=organisation).count() > 1 or (
        Invitation.objects.filter(unit__organisation=organisation).exclude(invited_by__is_staff=True).exists()
    )
    wording = (
        CustomWording.objects.filter(organisation=organisation).exists()
        or LocalElement.objects.filter(organisation=organisation).exists()
        or UnitElementExclusion.objects.filter(unit__organisation=organisation).exists()
    )
    tasks = [
        Task(
            "levels",
            _("Name the levels of your structure"),
            bool(organisation.level_names),
            _("Your own words for each level below the top, for example Region, Locality, Service, Team."),
            [(_("Name the levels"), reverse("onboarding:levels", args=[pk]))],
        ),
        Task(
            "units",
            _("Add your units"),
            units > 1,
            _("One by one, or all at once from a CSV file of your structure."),
            [
                (_("Add a unit"), reverse("organisations:unit-add", args=[top.pk])),
                (_("Add units from a CSV file"), reverse("onboarding:units-import", args=[pk])),
            ],
        ),
        Task(
            "people",
            _("Invite people"),
            people,
            _("One by one, or from a CSV file of people with their unit and role."),
            [
                (_("Invite someone"), reverse("organisations:invite", args=[top.pk])),
                (_("Invite people from a CSV file"), reverse("onboarding:people-import", args=[pk])),
            ],
        ),
        Task(
            "framework",
            _("Choose the framework and its wording"),
            wording,
            _("PIEs 2.0 is used as it is unless you change its wording or the elements a unit uses."),
            [
                (_("Your organisation's wording"), reverse("frameworks:organisation", args=[pk])),
                (_("Elements the whole organisation uses"), reverse("frameworks:unit-elements", args=[top.pk])),
            ],
            optional=True,
        ),
    ]
    tasks.append(_last_task(organisation, user))
    return tasks


def _last_task(organisation: Organisation, user: Any) -> Task:
    """A providing organisation starts its first round; a commissioner, funder or research body asks to see one."""
    if organisation.kind not in PROVIDER_KINDS:
        asked = SharingGrant.objects.filter(grantee=organisation).exists()
        return Task(
            "sharing",
            _("Ask an organisation to share with you"),
            asked,
            _("A service provider decides whether to share its overview or its barriers with you."),
            [(_("Ask for sharing"), reverse("sharing:request", args=[organisation.pk]))],
        )
    if Round.objects.filter(unit__organisation=organisation).exists():
        return Task("round", _("Start the first round"), True, _("Each team's page lists its rounds."), [])
    team = _first_team(organisation, user)  # only looked for while no round has started
    start = _("Start a round for %(name)s") % {"name": team.name} if team else ""
    links = [(start, reverse("assessments:round-new", args=[team.pk]))] if team else []
    hint = (
        _("A team looks at how it works, thread by thread.")
        if team
        else _("Add a team first: rounds are held by teams.")
    )
    return Task("round", _("Start the first round"), False, hint, links)


def first_hour_pending(*, organisation: Organisation, user: User) -> bool:
    """Whether any task that is not optional is still to do."""
    return any(not task.done and not task.optional for task in first_hour(organisation=organisation, user=user))
