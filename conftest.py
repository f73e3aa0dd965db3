"""Shared fixtures: the default framework, an organisation's tree, and one persona per role.

Personas (after the healthchecks habit of Alice, Bob and Charlie):
- ``admin``: organisation admin at the top of ``tree``
- ``lead``: PIE lead at the top
- ``manager``: manager at the locality
- ``staff``: staff member at the service
- ``reader``: read-only member at the service
- ``outsider``: organisation admin of another organisation
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils import translation

from openpie.accounts.tests.factories import UserFactory
from openpie.accounts.tests.helpers import signed_in_client
from openpie.frameworks.models import Framework
from openpie.frameworks.services import framework_import
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import Tree, grant, make_tree

# Figures the suites print at the end of the run.
pytest_plugins = ["tests.figures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any, request: pytest.FixtureRequest) -> None:
    """A reused test database (``--reuse-db``, the default) is emptied once, before the first test.

    Transactional tests (``transaction=True``, the live-server browser tests) commit their rows and
    empty every table when they end; a run killed during one leaves its rows behind, and the next
    run would trip over them (a persona's email "already exists"). Emptying the database as
    Django's own transactional tests do (``flush``, which keeps the schema, so nothing is migrated
    again) makes an interrupted run harmless. ``--create-db`` builds a new database instead.
    """
    if not request.config.getvalue("reuse_db") or request.config.getvalue("create_db"):
        return
    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                continue  # new for every run
            call_command("flush", database=connection.alias, interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _email_through_its_task(settings: Any) -> None:
    """Django's test set-up sends email straight to mail.outbox; put the queued backend back, so every
    email goes through its task (run at once here: settings_test.py) as it does when served."""
    settings.EMAIL_BACKEND = "openpie.common.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Each test starts in English: a request in Welsh leaves its language active in the thread (as
    Django's LocaleMiddleware does), and the next test's own code must not read the framework in Welsh."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def framework(db) -> Framework:
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text()
    return framework_import(text=text, owner=None, publish=True)


@pytest.fixture
def tree(db) -> Tree:
    return make_tree("Riverside")


@pytest.fixture
def other_tree(db) -> Tree:
    return make_tree("Eastgate")


@dataclass
class Personas:
    admin: object
    lead: object
    manager: object
    staff: object
    reader: object
    outsider: object


@pytest.fixture
def people(tree, other_tree) -> Personas:
    def person(email: str, unit, role: str):
        user = UserFactory.create(email=email)
        grant(user, unit, role)
        return user

    return Personas(
        admin=person("admin@riverside.example", tree.root, Role.ORG_ADMIN),
        lead=person("lead@riverside.example", tree.root, Role.PIE_LEAD),
        manager=person("manager@riverside.example", tree.locality, Role.MANAGER),
        staff=person("staff@riverside.example", tree.service, Role.STAFF),
        reader=person("reader@riverside.example", tree.service, Role.READ_ONLY),
        outsider=person("admin@eastgate.example", other_tree.root, Role.ORG_ADMIN),
    )


@pytest.fixture
def client_for():
    """A test client signed in as the given person, with the second step of signing in done if
    their role needs one (``openpie.accounts.tests.helpers.signed_in_client``)."""
    return signed_in_client


@dataclass
class World:
    """Everything a page may need: the tree, the framework, and a round with one of everything in the service."""

    tree: Tree
    framework: Framework
    people: Personas
    round: Any


@pytest.fixture
def world(people, tree, framework) -> World:
    from openpie.assessments.tests.factories import make_round_world

    return World(
        tree=tree, framework=framework, people=people, round=make_round_world(tree.service, framework, by=people.staff)
    )


class _NotLaidOut:
    """WeasyPrint's ``HTML`` in tests where who gets a PDF is the point, not the PDF: the page's template
    is still rendered (so a broken template fails), the PDF is not laid out.

    Every PDF is still laid out and read in its own tests: the round's report (assessments test_reports),
    the paper pack (test_paper), the poster (participation test_views_lead), your data (privacy
    test_subject_access) and the overview export (exports test_builders)."""

    def __init__(self, **_kwargs: object) -> None:
        pass

    def write_pdf(self, **_kwargs: object) -> bytes:
        return b"%PDF-1.7 (not laid out: an access test)"


@pytest.fixture
def pdf_not_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use with ``pytest.mark.usefixtures("pdf_not_laid_out")`` in access matrices."""
    monkeypatch.setattr("openpie.assessments.reports.pdf.HTML", _NotLaidOut)
    monkeypatch.setattr("openpie.exports.builders.overview_pdf.HTML", _NotLaidOut)
