"""Test ids that pytest-xdist can tell apart, so the suite can run in several processes.

pytest 9 keeps a test's id in ``Item._id``; two plugins still write the older ``_nodeid``, which
pytest 9 no longer reads:
- schemathesis names each case after its operation ("...[GET /api/v1/me]") but leaves every case
  with the test function's id, so pytest-xdist would run one case and drop the rest;
- pytest-xdist's ``--dist loadgroup`` adds "@group" to the id of a test marked ``xdist_group``, so
  that the group runs in one process; without it the group is spread over every process.
"""

from __future__ import annotations

import pytest
from _pytest.nodeid import coerce_node_id


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if getattr(item, "operation_label", None) and item.parent is not None:
            item._id = item.parent.id.child(item.name)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """After every plugin has changed the ids, before pytest-xdist sends them to its controller."""
    for item in session.items:
        written = item.__dict__.get("_nodeid")
        if written and written != item.nodeid:
            item._id = coerce_node_id(written)
