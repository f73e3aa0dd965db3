"""Practice fixtures: a canary organisation whose every identifying word must never reach an outsider.

``canary``: the organisation "Quokkaville Canary Trust" (its hostel "Quokkaville Canary Trust hostel"),
its author "Zebedee Canaryauthor" and the contact "canary-contact@quokkaville.example", with a
published anonymous example for everyone. Readers: ``people.outsider`` (Eastgate's admin) and an
Eastgate staff member; the canary's own lead moderates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from openpie.accounts.tests.factories import UserFactory
from openpie.api.tests.conftest import ApiClient
from openpie.assessments.tests.api_operations import client_for_token
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import Tree, grant, make_tree
from openpie.practice.models import PracticeExample
from openpie.practice.tests.factories import make_example

CANARY_WORDS = (
    "Quokkaville",  # organisation and unit names
    "Canaryauthor",  # the author
    "canary-contact",  # the contact
)


@dataclass
class Canary:
    tree: Tree
    author: Any
    lead: Any
    example: PracticeExample


@pytest.fixture
def canary(db, framework) -> Canary:
    tree = make_tree("Quokkaville Canary Trust")
    author = UserFactory.create(email="zebedee@quokka.example", full_name="Zebedee Canaryauthor")
    grant(author, tree.service, Role.STAFF)
    lead = UserFactory.create(email="lead@quokka.example", full_name="Quinn Lead")
    grant(lead, tree.root, Role.PIE_LEAD)
    example = make_example(
        author=author,
        unit=tree.service,
        framework=framework,
        moderator=lead,
        title="Tea with the night staff",
        story="Night staff share a pot of tea with anyone awake at midnight.",
        what_changed="Fewer incidents at night.",
        contact="canary-contact@quokkaville.example",
        anonymous=True,
    )
    return Canary(tree=tree, author=author, lead=lead, example=example)


@pytest.fixture
def eastgate_staff(people, other_tree) -> Any:
    user = UserFactory.create(email="staff@eastgate.example", full_name="Eve Eastgate")
    grant(user, other_tree.service, Role.STAFF)
    return user


@pytest.fixture
def api_for(db) -> Callable[[Any], ApiClient]:
    return client_for_token


def assert_no_canary(content: bytes | str) -> None:
    text = content.decode() if isinstance(content, bytes) else content
    for word in CANARY_WORDS:
        assert word.lower() not in text.lower(), f"{word!r} was shown"
