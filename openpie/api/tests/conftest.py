"""API test helpers: a client that sends a person's API token, and every operation of the API.

The client enforces CSRF checks, as a real client would meet them: a request with a
token must never need a CSRF token.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from openpie.accounts.services import api_token_create

API = "/api/v1"


class ApiClient:
    """Sends JSON to the API with ``Authorization: Bearer <token>`` (or no header at all)."""

    def __init__(self, token: str | None = None, client: Client | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        self.client = client or Client(enforce_csrf_checks=True, headers=headers)

    def request(self, method: str, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return self.client.generic(method, API + path, data, content_type="application/json")

    def get(self, path: str) -> Any:
        return self.client.get(API + path)

    def post(self, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        return self.request("POST", path, body, raw=raw)

    def patch(self, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        return self.request("PATCH", path, body, raw=raw)

    def put(self, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        return self.request("PUT", path, body, raw=raw)


@pytest.fixture
def token_for(db) -> Callable[..., str]:
    """A fresh API token (its plain value) for the person."""

    def make(user: Any) -> str:
        return api_token_create(user=user, name="Tests")[1]

    return make


@pytest.fixture
def api_for(token_for) -> Callable[[Any], ApiClient]:
    """An API client authenticated as the person with a new token."""

    def make(user: Any) -> ApiClient:
        return ApiClient(token_for(user))

    return make


@dataclass(frozen=True)
class Operation:
    """One operation of the API, with a request that would succeed for the organisation admin."""

    method: str
    path: str  # with {organisation}, {unit}, {framework} placeholders
    body: dict[str, Any] | None = None

    @property
    def schema_path(self) -> str:
        """The path as the OpenAPI schema writes it."""
        path = API + self.path.split("?")[0]
        for short in ("organisation", "unit", "framework"):
            path = path.replace(f"{{{short}}}", f"{{{short}_id}}")
        return path

    def url(self, tree: Any, framework: Any) -> str:
        return self.path.format(organisation=tree.organisation.pk, unit=tree.team.pk, framework=framework.pk)

    def send(self, client: ApiClient, tree: Any, framework: Any) -> Any:
        body = None
        if self.body is not None:
            body = {k: (tree.service.pk if v == "{service}" else v) for k, v in self.body.items()}
        return client.request(self.method, self.url(tree, framework), body)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


OPERATIONS = [
    Operation("GET", "/me"),
    Operation("GET", "/frameworks"),
    Operation("GET", "/frameworks/{framework}"),
    Operation("GET", "/organisations"),
    Operation("GET", "/organisations/{organisation}"),
    Operation("PATCH", "/organisations/{organisation}", {"name": "Riverside Trust"}),
    Operation("GET", "/organisations/{organisation}/units?limit=10&offset=0"),
    Operation("GET", "/units/{unit}"),
    Operation("PATCH", "/units/{unit}", {"name": "Late team"}),
    Operation("POST", "/units", {"parent_id": "{service}", "name": "Day team", "kind": "team"}),
]
