"""Peer review fixtures: a reviewer from another organisation (the ``reviewer`` persona) and reviews."""

from __future__ import annotations

import pytest

from openpie.accounts.tests.factories import UserFactory
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant
from openpie.reviews.tests.factories import accepted


@pytest.fixture
def reviewer(other_tree):
    """A staff member of a comparable service in another organisation: no membership of ``tree``."""
    user = UserFactory.create(email="reviewer@eastgate.example", full_name="Rita Reviewer")
    grant(user, other_tree.service, Role.STAFF)
    return user


@pytest.fixture
def review(world, reviewer, other_tree):
    """The reviewer's accepted review of the world's round (open, with a bead, evidence and factors)."""
    return accepted(world.round.round, reviewer, by=world.people.lead, unit=other_tree.service)
