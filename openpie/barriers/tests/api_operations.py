"""Every operation of the barriers API, with a request that succeeds for the organisation admin.

Paths name what they need in braces: ``{factor}`` (a barrier in an open round of the service) and
``{kind}`` (its kind of barrier).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpie.api.tests.conftest import API


@dataclass(frozen=True)
class BarrierOperation:
    method: str
    path: str
    body: dict[str, Any] | None = None
    role_action: str = "barrier.view"

    @property
    def success(self) -> int:
        return 201 if self.method == "POST" else 200

    @property
    def schema_path(self) -> str:
        path = API + self.path.split("?")[0]
        return path.replace("{factor}", "{factor_id}").replace("{kind}", "{kind_id}")

    def url(self, **ids: int) -> str:
        path = self.path
        for name, value in ids.items():
            path = path.replace(f"{{{name}}}", str(value))
        return API + path

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


BARRIER_OPERATIONS = [
    BarrierOperation("GET", "/barriers/register"),
    BarrierOperation("GET", "/barriers/kinds/{kind}"),
    BarrierOperation("GET", "/barriers/{factor}/responses"),
    BarrierOperation(
        "POST",
        "/barriers/{factor}/responses",
        {"status": "investigating", "text": "We are talking to the housing team."},
        role_action="barrier.respond",
    ),
]
