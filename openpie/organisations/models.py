"""Tenants and their structure: organisations, the unit tree, memberships, invitations.

Every unit stores its materialised ``path`` ("/1/4/9/"), so "everything below a
unit" is one indexed prefix query at any depth.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from openpie.accounts.models import User


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: User) -> OrganisationQuerySet:
        """Organisations in which the person holds any membership."""
        return self.filter(pk__in={m.unit.organisation_id for m in memberships_for(user)})


class Organisation(models.Model):
    """A tenant. It owns its units, memberships and everything recorded in them."""

    class Kind(models.TextChoices):
        AGENCY = "agency", gettext_lazy("Service provider")
        NETWORK = "network", gettext_lazy("Network")
        CONSORTIUM = "consortium", gettext_lazy("Partnership or consortium")
        COMMISSIONER = "commissioner", gettext_lazy("Commissioner or funder")
        RESEARCH = "research", gettext_lazy("Research body")

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AGENCY)
    research_opt_in = models.BooleanField(
        gettext_lazy("Take part in research"),
        default=False,
        help_text=gettext_lazy(
            "Anonymised, suppressed figures from this organisation may be used in research extracts."
        ),
    )
    level_names = models.JSONField(
        gettext_lazy("Names of the structure's levels"),
        default=list,
        blank=True,
        help_text=gettext_lazy("The organisation's own word for each level below the top, e.g. Region, Service, Team."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def level_name(self, depth: int) -> str:
        """The organisation's word for units at ``depth`` (1 is just below the top), or ""."""
        names = self.level_names or []
        return str(names[depth - 1]) if 0 < depth <= len(names) else ""


# Organisations that run services (and so hold rounds, and may be asked to share); commissioners,
# funders and research bodies see what providers share with them.
PROVIDER_KINDS = frozenset({Organisation.Kind.AGENCY, Organisation.Kind.NETWORK, Organisation.Kind.CONSORTIUM})


class UnitQuerySet(models.QuerySet["Unit"]):
    def for_organisation(self, organisation: Organisation) -> UnitQuerySet:
        return self.filter(organisation=organisation)

    def below(self, unit: Unit, *, include_self: bool = True) -> UnitQuerySet:
        qs = self.filter(organisation_id=unit.organisation_id, path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def visible_to(self, user: User) -> UnitQuerySet:
        """Units at or below any unit where the person holds a membership."""
        return self.below_any({m.unit for m in memberships_for(user)})

    def below_any(self, units: Iterable[Unit]) -> UnitQuerySet:
        """Units at or below any of the given units."""
        condition = Q()
        for unit in units:
            condition |= Q(path__startswith=unit.path)
        return self.filter(condition) if condition else self.none()


class Unit(models.Model):
    """A node of an organisation's tree: the organisation itself, a region, locality, service or team."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", gettext_lazy("Whole organisation")
        REGION = "region", gettext_lazy("Region")
        LOCALITY = "locality", gettext_lazy("Locality")
        SERVICE = "service", gettext_lazy("Service")
        TEAM = "team", gettext_lazy("Team")

    class ClientGroup(models.TextChoices):
        MIXED = "mixed", gettext_lazy("Mixed or not specific")
        HOMELESSNESS = "homelessness", gettext_lazy("Homelessness")
        MENTAL_HEALTH = "mental_health", gettext_lazy("Mental health")
        ADDICTION = "addiction", gettext_lazy("Drugs and alcohol")
        OFFENDING = "offending", gettext_lazy("Criminal justice")
        YOUNG_PEOPLE = "young_people", gettext_lazy("Young people")
        DOMESTIC_ABUSE = "domestic_abuse", gettext_lazy("Domestic abuse")

    class ServiceType(models.TextChoices):
        NOT_A_SERVICE = "none", gettext_lazy("Not a service (structure only)")
        HOSTEL = "hostel", gettext_lazy("Hostel or supported housing")
        DAY_CENTRE = "day_centre", gettext_lazy("Day centre")
        OUTREACH = "outreach", gettext_lazy("Outreach")
        FLOATING_SUPPORT = "floating_support", gettext_lazy("Floating or tenancy support")
        HOUSING_FIRST = "housing_first", gettext_lazy("Housing First")
        TREATMENT = "treatment", gettext_lazy("Treatment or recovery")
        ADVICE = "advice", gettext_lazy("Advice and assessment")
        OTHER = "other", gettext_lazy("Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TEAM)
    client_group = models.CharField(max_length=30, choices=ClientGroup.choices, default=ClientGroup.MIXED)
    service_type = models.CharField(max_length=30, choices=ServiceType.choices, default=ServiceType.NOT_A_SERVICE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(parent__isnull=True), name="one_root_unit_per_organisation"
            ),
            models.UniqueConstraint(fields=["parent", "name"], name="unit_name_unique_among_siblings"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    @property
    def level_label(self) -> str:
        """The organisation's word for this unit's level, else what kind of unit it is."""
        return self.organisation.level_name(self.depth) or self.get_kind_display()

    def is_at_or_below(self, other: Unit) -> bool:
        return self.path.startswith(other.path)


class Role(models.TextChoices):
    """A role held at a unit; it applies to that unit and everything below it.

    What each role may do is the permission table, ``permissions.yaml``.
    """

    ORG_ADMIN = "org_admin", gettext_lazy("Organisation admin")
    PIE_LEAD = "pie_lead", gettext_lazy("PIE lead")
    MANAGER = "manager", gettext_lazy("Manager")
    STAFF = "staff", gettext_lazy("Staff member")
    READ_ONLY = "read_only", gettext_lazy("Read-only")
    COMMISSIONER = "commissioner", gettext_lazy("Commissioner or funder")
    RESEARCHER = "researcher", gettext_lazy("Researcher")


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit__path", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_membership_per_person_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.unit}"


class Invitation(models.Model):
    """An emailed link that joins a person to a unit with a role. Only the token's hash is kept."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Waiting")
        ACCEPTED = "accepted", gettext_lazy("Accepted")
        CANCELLED = "cancelled", gettext_lazy("Cancelled")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=30, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.unit}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_expired


# The person's memberships, cached on the user object for the request. Here beside the model (not in
# access.py) because the querysets' ``visible_to`` need them; access.py offers them to every app.
_CACHE_ATTR = "_openpie_memberships"


def memberships_for(user: User | Any) -> list[Membership]:
    """The person's memberships, with their units; loaded once per request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Membership] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit", "unit__organisation"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user: User | Any) -> None:
    """Drop the cached memberships after they change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
