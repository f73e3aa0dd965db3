from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from openpie.onboarding.tests.helpers import make_platform_admin


@pytest.fixture
def platform_admin(db):
    return make_platform_admin()


@pytest.fixture
def emailed(django_capture_on_commit_callbacks) -> Callable[..., Any]:
    """Call a service and send the emails it leaves for the commit: ``emailed(service, **kwargs)``."""

    def run(service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    return run
