"""The authorisation matrix: every page and API operation × every role × where the person stands.

Each role of the permission table (permissions.yaml) is held at the top of an organisation that is
- **own**: Riverside, whose data every request names: the table decides (allowed → 2xx, else 403);
- **other**: Eastgate, another provider: always 404 (nothing about Riverside is given away);
- **shared**: a commissioning body Riverside shares everything with (an accepted grant of both scopes):
  only what a grant of that scope makes reachable (``shared=`` in the tables), for people with
  ``shared.view``; everything else 404;
- **unshared**: a commissioning body whose grant was revoked: always 404;
and an **anonymous** visitor is sent to sign in (pages) or gets 401 (API).

The pages come from every app's ``tests/routes.py`` (``Route`` rows) and the operations from
``api_routes.py``; a page the project serves or an operation the OpenAPI schema declares that is in
neither fails the suite. Each request runs in a transaction rolled back afterwards, so writes that
succeed leave the next cell the same world.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from openpie.accounts.services import api_token_create
from openpie.accounts.tests.factories import UserFactory
from openpie.accounts.tests.helpers import signed_in_client
from openpie.organisations.access import organisation_root
from openpie.organisations.permissions import permission_table, roles_allowed
from openpie.organisations.tests.factories import grant
from openpie.organisations.tests.route import Route, all_routes, served_pages
from openpie.sharing import services as sharing
from openpie.sharing.tests.conftest import make_county
from tests.security import ownership
from tests.security.api_routes import API_ROUTES, ApiRoute, declared_operations
from tests.security.figures import figures

# Who gets a PDF is the point, not the PDF: rendered as pages but not laid out (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_not_laid_out")]

ROUTES = all_routes()
RELATIONS = ("own", "other", "shared", "unshared")
FIGURES = figures(
    "authorisation matrix", "cells", "unexpected allows", "unexpected denials", "wrong refusals", "server errors"
)


ROLES = sorted({role for roles in permission_table().values() for role in roles})


@dataclass(frozen=True)
class Cell:
    what: str  # "GET /path" or a page name
    role: str
    relation: str
    expected: int  # 200 stands for any 2xx; 302 for the sign-in redirect
    got: int

    @property
    def verdict(self) -> str | None:
        if self.got >= 500:
            return "server errors"
        if self.expected == 200:
            return None if 200 <= self.got < 300 else "unexpected denials"
        if self.got == self.expected:
            return None
        if 200 <= self.got < 300 or (self.expected != 302 and self.got == 302):
            return "unexpected allows"
        return "wrong refusals"

    def __str__(self) -> str:
        return f"{self.what} as {self.role} ({self.relation}): expected {self.expected}, got {self.got}"


def expected(route: Route | ApiRoute, role: str, relation: str) -> int:
    """What the permission table says a person with ``role`` at the top of their organisation gets."""
    if route.action is None:  # anyone signed in; reaches only their own or public data
        return 200
    if relation == "own":
        if route.reach is not None and role not in roles_allowed(route.reach):
            return 404
        return 200 if all(role in roles_allowed(a) for a in (route.action, *route.needs)) else 403
    if relation == "shared" and route.shared is not None and role in roles_allowed("shared.view"):
        return 200 if route.action.endswith(".view") or role in roles_allowed(route.action) else 403
    return 404


@pytest.fixture
def organisations(world, other_tree) -> dict[str, Any]:
    """The top unit of the organisation each relation puts the person in."""
    county = make_county("Shire County", "shire")
    asked = sharing.grant_request(grantee=county.organisation, unit=world.tree.root, scope="both", by=county.admin)
    sharing.grant_accept(grant=asked, by=world.people.admin)
    former = make_county("Former County", "former")
    asked = sharing.grant_request(grantee=former.organisation, unit=world.tree.root, scope="both", by=former.admin)
    sharing.grant_revoke(grant=sharing.grant_accept(grant=asked, by=world.people.admin), by=world.people.admin)
    return {
        "own": world.tree.root,
        "other": organisation_root(other_tree.organisation),
        "shared": county.root,
        "unshared": former.root,
    }


def _person(role: str, unit: Any) -> Any:
    user = UserFactory.create(email=f"{role}.{unit.pk}@matrix.example")
    grant(user, unit, role)
    return user


def _send(make_request: Callable[[], Any]) -> int:
    """The status of one request, with everything it and its set-up wrote rolled back."""
    with transaction.atomic():
        status = make_request().status_code
        transaction.set_rollback(True)
    return status


def _page_cell(client: Client, route: Route, world: Any) -> int:
    return _send(lambda: client.get(route.url(world)))


def _api_cell(client: Client, key: str, route: ApiRoute, world: Any, user: Any) -> int:
    method = key.split(" ", 1)[0]

    def call() -> Any:
        path, body = route.request(world, user)
        data = "" if body is None else body
        return client.generic(method, path, _json(data), content_type="application/json")

    return _send(call)


def _json(data: Any) -> str:
    return "" if data == "" else json.dumps(data)


def _record(cells: list[Cell]) -> list[str]:
    FIGURES.add("cells", len(cells))
    wrong = []
    for cell in cells:
        if cell.verdict:
            FIGURES.add(cell.verdict)
            FIGURES.notes.append(f"{cell.verdict}: {cell}")
            wrong.append(f"{cell.verdict}: {cell}")
    return wrong


def test_every_page_and_api_operation_is_in_the_table():
    pages = served_pages()
    operations = declared_operations()
    missing = sorted(pages - ROUTES.keys()) + sorted(operations - API_ROUTES.keys())
    stale = sorted(set(API_ROUTES) - operations) + sorted(set(ROUTES) - pages)
    assert not missing, f"Say who may use these (see tests/security/README.md): {missing}"
    assert not stale, f"No longer served; remove them from the table: {stale}"


@pytest.mark.parametrize("relation", RELATIONS)
def test_every_role_gets_what_the_permission_table_says(relation, world, organisations):
    cells: list[Cell] = []
    for role in ROLES:
        user = _person(role, organisations[relation])
        pages = signed_in_client(user)
        for name, route in ROUTES.items():
            if isinstance(route, Route):
                want = expected(route, role, relation)
                cells.append(Cell(name, role, relation, want, _page_cell(pages, route, world)))
        api = Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='Matrix')[1]}"})
        for key, operation in API_ROUTES.items():
            if isinstance(operation, ApiRoute):
                want = expected(operation, role, relation)
                cells.append(Cell(key, role, relation, want, _api_cell(api, key, operation, world, user)))
    wrong = _record(cells)
    assert not wrong, "\n".join(wrong)


def test_anonymous_visitors_are_sent_to_sign_in_or_refused(world, client):
    cells: list[Cell] = []
    sign_in = reverse("accounts:sign-in")
    for name, route in ROUTES.items():
        if isinstance(route, Route):
            with transaction.atomic():
                response = client.get(route.url(world))
                transaction.set_rollback(True)
            status = response.status_code
            if status == 302 and not response["Location"].startswith(sign_in):
                status = 303  # a redirect elsewhere is not the sign-in page
            cells.append(Cell(name, "anonymous", "none", 302, status))
    for key, operation in API_ROUTES.items():
        if isinstance(operation, ApiRoute):
            cells.append(Cell(key, "anonymous", "none", 401, _api_cell(client, key, operation, world, None)))
    wrong = _record(cells)
    assert not wrong, "\n".join(wrong)


# Whose object: every role × every path that takes an owned object's id × every owner --------------

OWNERSHIP_FIGURES = figures(
    "ownership matrix",
    "cells",
    "reached another's object",
    "unexpected allows",
    "unexpected denials",
    "wrong refusals",
    "server errors",
)


@dataclass(frozen=True)
class OwnedCell:
    what: str
    role: str
    owner: str
    expected: int  # 200 stands for any success (2xx, or a page's redirect after a save)
    got: int

    @property
    def verdict(self) -> str | None:
        done = 200 <= self.got < 400
        if self.got >= 500:
            return "server errors"
        if self.expected == 200:
            return None if done else "unexpected denials"
        if self.got == self.expected:
            return None
        if done:
            return "reached another's object" if self.expected == 404 else "unexpected allows"
        return "wrong refusals"  # a 403 or a 409 for another's object says it exists, or shows it

    def __str__(self) -> str:
        return f"{self.what} as {self.role}, on an object of: {self.owner}: expected {self.expected}, got {self.got}"


def owned_expected(path: ownership.OwnedPath, role: str, owner: str) -> int:
    """Another owner's object is not found; the right owner's is the permission table's to decide."""
    if owner not in path.owners:
        return 404
    if path.action is None:
        return 200
    return 200 if role in roles_allowed(path.action) else 403


def _owned_cell(pages: Client, api: Client, path: ownership.OwnedPath, w: Any, user: Any, owner: str) -> int:
    _, make = ownership.MAKERS[path.kind]

    def call() -> Any:
        if path.invited:
            ownership.invite_the_team(w)
        ids = make(w, owner, user)
        url, body = path.url(ids), path.payload(ids)
        if path.api:
            return api.generic(path.method, url, json.dumps(body) if path.body else "", content_type="application/json")
        if path.method == "GET":
            return pages.get(url)
        return pages.post(url, body, headers={"X-Requested-With": "fetch"})

    return _send(call)


@pytest.fixture
def owners(world, other_tree) -> ownership.OwnersWorld:
    reviewer = UserFactory.create(email="rita@eastgate.example")
    grant(reviewer, other_tree.service, "staff")
    return ownership.owners_world(world, other_tree, reviewer)


def test_every_page_and_api_operation_naming_an_owned_object_says_whose():
    from tests.security.pages import pages as served

    paths = {name: route for name, route, _ in served()}
    paths |= {key: key.split(" ", 1)[1] for key in declared_operations()}
    missing, unknown = ownership.unclassified(paths)
    stale = sorted(set(ownership.OWNERSHIP) - set(paths))
    assert not missing, f"Say whose objects these reach (tests/security/ownership.py): {missing}"
    assert not unknown, f"Say whose these ids are (ROLE_KINDS or OWNED_KINDS in tests/security/ownership.py): {unknown}"
    assert not stale, f"No longer served; remove them from the ownership table: {stale}"


def test_every_role_reaches_only_the_objects_whose_owner_the_path_is_for(owners):
    cells: list[OwnedCell] = []
    for role in ROLES:
        user = _person(role, owners.tree.root)
        pages = signed_in_client(user)
        api = Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='Owners')[1]}"})
        for what, path in ownership.OWNERSHIP.items():
            if not isinstance(path, ownership.OwnedPath):
                continue
            for owner in ownership.MAKERS[path.kind][0]:
                got = _owned_cell(pages, api, path, owners, user, owner)
                cells.append(OwnedCell(what, role, owner, owned_expected(path, role, owner), got))
    OWNERSHIP_FIGURES.add("cells", len(cells))
    wrong = []
    for cell in cells:
        if cell.verdict:
            OWNERSHIP_FIGURES.add(cell.verdict)
            OWNERSHIP_FIGURES.notes.append(f"{cell.verdict}: {cell}")
            wrong.append(f"{cell.verdict}: {cell}")
    assert not wrong, "\n".join(wrong)
