"""Fixtures for running the whole API in process, and a tally of what the run exercised."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@dataclass
class Tally:
    """Requests sent per operation and the status codes that came back."""

    examples: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)

    def record(self, operation: str, status: int) -> None:
        self.examples[operation] += 1
        self.statuses[status] += 1
        if status >= 500:
            self.server_errors.append(operation)

    def summary(self) -> str:
        statuses = ", ".join(f"{code}×{n}" for code, n in sorted(self.statuses.items()))
        return (
            f"schemathesis: {len(self.examples)} operations, {sum(self.examples.values())} examples, "
            f"{len(self.server_errors)} server errors (statuses: {statuses})"
        )


TALLY = Tally()


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Keep the test's database connection open across requests to the WSGI application.

    A real request closes "old" connections when it starts and ends; inside a test that
    would close the connection holding the test's transaction. Django's test client
    does the same as this.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
