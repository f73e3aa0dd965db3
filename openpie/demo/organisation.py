"""The demo organisation: a realistic tree and one person per role. Idempotent."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from openpie.accounts.models import User
from openpie.accounts.policy import MFA_REQUIRED_ROLES
from openpie.accounts.services.mfa import totp_device_seed
from openpie.organisations import services
from openpie.organisations.models import Membership, Organisation, Role, Unit

DEMO_SLUG = "riverside-housing-trust"
DEMO_NAME = "Riverside Housing Trust"
DEFAULT_PASSWORD = "openpie-demo"
# Demo people whose role needs two-step sign-in share this authenticator key (published in the
# README, so for the demo only): type it into an authenticator app to sign in as them.
DEMO_TOTP_SECRET = "OPENPIEDEMOTWOSTEPSIGNINONLYDEMO"
DEMO_TOTP_KEY = base64.b32decode(DEMO_TOTP_SECRET).hex()

# The demo organisation's own words for the levels of its tree, top first.
DEMO_LEVELS = ["Locality", "Service", "Team"]
# (name, kind, client group, service type, children)
TREE = [
    (
        "North Locality",
        "locality",
        "mixed",
        "none",
        [
            (
                "Harbour House",
                "service",
                "homelessness",
                "hostel",
                [
                    ("Harbour House day team", "team", "homelessness", "hostel", []),
                    ("Harbour House night team", "team", "homelessness", "hostel", []),
                ],
            ),
            ("The Bridge Day Centre", "service", "homelessness", "day_centre", []),
            ("Street Outreach Team", "service", "homelessness", "outreach", []),
        ],
    ),
    (
        "South Locality",
        "locality",
        "mixed",
        "none",
        [
            ("Willow Court", "service", "mental_health", "hostel", []),
        ],
    ),
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    role: str | None  # None: the platform admin
    unit: str


PEOPLE = [
    DemoPerson("admin@openpie.example", "Ada Okafor", Role.ORG_ADMIN, DEMO_NAME),
    DemoPerson("lead@openpie.example", "Sam Patel", Role.PIE_LEAD, DEMO_NAME),
    DemoPerson("manager@openpie.example", "Morgan Lee", Role.MANAGER, "North Locality"),
    DemoPerson("staff@openpie.example", "Jo Evans", Role.STAFF, "Harbour House"),
    DemoPerson("viewer@openpie.example", "Riley Chen", Role.READ_ONLY, "Harbour House"),
    DemoPerson("platform@openpie.example", "Pat Admin", None, ""),
]
# Harbour House's other team members, who place their own beads in the demo round.
TEAM = [
    DemoPerson("priya@openpie.example", "Priya Shah", Role.STAFF, "Harbour House"),
    DemoPerson("tom@openpie.example", "Tom Walsh", Role.STAFF, "Harbour House"),
    DemoPerson("amara@openpie.example", "Amara Nwosu", Role.STAFF, "Harbour House"),
    DemoPerson("lee@openpie.example", "Lee Brennan", Role.STAFF, "Harbour House"),
]


def _grow(parent: Unit, branches: list[Any]) -> None:
    for name, kind, client_group, service_type, children in branches:
        unit = Unit.objects.filter(parent=parent, name=name).first() or services.unit_create(
            parent=parent, name=name, kind=kind, client_group=client_group, service_type=service_type
        )
        _grow(unit, children)


def demo_person(person: DemoPerson, password: str) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User.objects.create_user(person.email, password, full_name=person.name)
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    if person.role is None and not user.is_superuser:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    if person.role is None or person.role in MFA_REQUIRED_ROLES:
        totp_device_seed(user=user, key=DEMO_TOTP_KEY)
    return user


@transaction.atomic
def seed_demo(*, password: str = DEFAULT_PASSWORD) -> tuple[Organisation, bool]:
    """Create (or complete) the demo organisation. Returns it and whether it was new."""
    organisation = Organisation.objects.filter(slug=DEMO_SLUG).first()
    created = organisation is None
    if organisation is None:
        organisation = services.organisation_create(name=DEMO_NAME, kind=Organisation.Kind.AGENCY)
    root = Unit.objects.get(organisation=organisation, parent__isnull=True)
    _grow(root, TREE)
    if not organisation.level_names:
        organisation.level_names = DEMO_LEVELS
        organisation.save(update_fields=["level_names"])
    for person in [*PEOPLE, *TEAM]:
        user = demo_person(person, password)
        if person.role:
            unit = Unit.objects.get(organisation=organisation, name=person.unit)
            Membership.objects.get_or_create(user=user, unit=unit, defaults={"role": person.role})
    return organisation, created
