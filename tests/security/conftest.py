"""Fixtures shared by the security suites. Each test checks what it counted itself, and its counts travel on its
report, so the tests of a suite can run in any process (pytest-xdist spreads them like any other)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.figures import suite_figure
from tests.security.figures import CURRENT, SUITES


@pytest.fixture(autouse=True)
def _counting_for(request: pytest.FixtureRequest) -> Iterator[None]:
    """What a suite counts during this test goes on this test's report (tests/figures.py prints it)."""
    CURRENT["node"] = request.node
    for suite in SUITES.values():  # every figure shows, the zeros too
        for label in suite.order:
            suite_figure(request.node, suite.suite, label, 0)
    yield
    CURRENT.pop("node", None)


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
