"""A round with the staff member's own beads among four colleagues' (so the staff group shows)."""

from __future__ import annotations

import pytest

from openpie.accounts.tests.factories import UserFactory
from openpie.assessments.models import Contribution, Placement
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant


@pytest.fixture
def voiced(world):
    """The world's round with five members' own beads (the staff persona's among them) and a comment."""
    round_ = world.round.round
    threads = list(round_.threads.order_by("position"))
    members = [world.people.staff]
    for n in range(4):
        colleague = UserFactory.create(email=f"colleague{n}@riverside.example")
        grant(colleague, world.tree.service, Role.STAFF)
        members.append(colleague)
    for n, member in enumerate(members):
        contribution = Contribution.objects.create(round=round_, kind=Contribution.Kind.INDIVIDUAL, author=member)
        Placement.objects.bulk_create(
            Placement(contribution=contribution, thread=t, position=3 + n, comment="") for t in threads
        )
    return world
