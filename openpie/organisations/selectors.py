"""Reads for organisations and units: trees, members, what needs attention."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from openpie.organisations.access import memberships_for
from openpie.organisations.models import Invitation, Membership, Organisation, Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] = field(default_factory=list)


def unit_tree(units: list[Unit]) -> list[TreeNode]:
    """Nest units (ordered by path) into a forest; a unit whose parent is absent becomes a root."""
    nodes = {u.pk: TreeNode(u) for u in units}
    roots: list[TreeNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def visible_tree(user: User, organisation: Organisation) -> list[TreeNode]:
    units = list(
        Unit.objects.visible_to(user).filter(organisation=organisation).select_related("organisation").order_by("path")
    )
    return unit_tree(units)


def unit_ancestors(unit: Unit) -> list[Unit]:
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit.ancestor_ids)}
    return [units[pk] for pk in unit.ancestor_ids if pk in units]


def unit_members(unit: Unit) -> QuerySet[Membership]:
    """Memberships at this unit and above it (roles above apply here too)."""
    return (
        Membership.objects.filter(unit__organisation=unit.organisation, unit__pk__in=[*unit.ancestor_ids, unit.pk])
        .select_related("user", "unit")
        .order_by("unit__depth", "user__full_name", "user__email")
    )


def pending_invitations(units: list[Unit]) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        unit__in=units, status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
    ).select_related("unit", "invited_by")


@dataclass
class Attention:
    """Something on the home page a person should look at."""

    message: str
    href: str


def home_memberships(user: User) -> list[Membership]:
    return sorted(memberships_for(user), key=lambda m: (m.unit.organisation.name, m.unit.path))
