"""Fixtures the rounds API tests share."""

from __future__ import annotations

import pytest

from openpie.assessments.tests.api_operations import client_for_token, round_ids


@pytest.fixture
def api_for(db):
    """A client for a person's API token: ``api_for(user)``."""
    return client_for_token


@pytest.fixture
def ids(world):
    """The real ids of the world's round, for filling in operations' paths."""
    return round_ids(world)
