"""Relationships fixtures: an API client for a person (as in ``openpie/api/tests``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from openpie.api.tests.conftest import ApiClient
from openpie.assessments.tests.api_operations import client_for_token


@pytest.fixture
def api_for(db) -> Callable[[Any], ApiClient]:
    return client_for_token
