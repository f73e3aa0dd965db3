"""A row of the page access table (see test_access_matrix)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Route:
    action: str
    where: str  # "service" (the service unit) or "root" (organisation-wide: role needed at the top)
    url: Callable[[Any], str]  # given the `world` fixture: tree, framework, and a round with one of everything
