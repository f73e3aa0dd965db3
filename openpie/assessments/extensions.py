"""What a round's pages show from the apps above assessments, filled in by those apps.

Assessments sits below barriers, practice and reviews (they hold foreign keys to rounds and
factors), so it does not import them. Each of those apps puts its piece here in its
``AppConfig.ready()``: the latest response on each factor (barriers), the locality calls on the
factors page (barriers), the examples beside the action plan (practice) and the round report's
peer-review section (reviews). Left unset, a page shows none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _no_annotations() -> dict[str, Any]:
    return {}


def _no_calls(*, units: Any) -> list[Any]:
    return []


def _no_examples(*, viewer: Any, round_: Any) -> Any:
    return None


def _no_review(round_: Any) -> Any:
    return None


@dataclass
class RoundExtensions:
    factor_annotations: Callable[[], dict[str, Any]] = _no_annotations
    calls_for_units: Callable[..., list[Any]] = _no_calls
    related_examples: Callable[..., Any] = _no_examples
    peer_review: Callable[[Any], Any] = _no_review


EXTENSIONS = RoundExtensions()
