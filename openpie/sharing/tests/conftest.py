"""Sharing fixtures: a commissioning body with its admin, commissioner and researcher, and grants."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from openpie.accounts.tests.factories import UserFactory
from openpie.organisations import services as organisation_services
from openpie.organisations.access import organisation_root
from openpie.organisations.models import Organisation, Role, Unit
from openpie.organisations.tests.factories import grant


@dataclass
class County:
    """A commissioning body and the people in it."""

    organisation: Organisation
    root: Unit
    admin: object
    commissioner: object
    researcher: object
    staff: object


def make_county(name: str = "County Council", slug: str = "county") -> County:
    organisation = organisation_services.organisation_create(name=name, kind=Organisation.Kind.COMMISSIONER)
    root = organisation_root(organisation)

    def person(role: str) -> object:
        user = UserFactory.create(email=f"{role}@{slug}.example")
        grant(user, root, role)
        return user

    return County(
        organisation,
        root,
        person(Role.ORG_ADMIN),
        person(Role.COMMISSIONER),
        person(Role.RESEARCHER),
        person(Role.STAFF),
    )


@pytest.fixture
def county(db) -> County:
    return make_county()
