"""What a unit's page shows from the apps above organisations, filled in by those apps.

Organisations sits low (nearly every app holds a foreign key to a unit), so it does not import
them. Each app puts its piece here in its ``AppConfig.ready()``: the unit's latest rounds
(assessments) and whether the organisation admin's first-hour tasks are still to do (onboarding).
Left unset, the page shows none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _no_rounds(*, unit: Any) -> list[Any]:
    return []


def _nothing_pending(*, organisation: Any, user: Any) -> bool:
    return False


@dataclass
class UnitExtensions:
    latest_rounds: Callable[..., list[Any]] = _no_rounds
    first_hour_pending: Callable[..., bool] = _nothing_pending


EXTENSIONS = UnitExtensions()
