"""Fixtures shared by the security suites, and the figures they print at the end of the run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.security.figures import SUITES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not SUITES:
        return
    terminalreporter.section("security figures")
    for suite in SUITES.values():
        terminalreporter.write_line(suite.line())
        for note in suite.notes[:40]:
            terminalreporter.write_line(f"    {note}")
        if len(suite.notes) > 40:
            terminalreporter.write_line(f"    ... and {len(suite.notes) - 40} more")


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
