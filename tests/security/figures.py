"""The figures each security suite prints at the end of the run (``conftest.pytest_terminal_summary``).

A suite adds to its line as it goes; a figure named in ``failures`` must be zero or the suite's own
test fails. The lines show in ``make test`` output whether the tests pass or not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tests.figures import suite_figure

# The test running now (set by tests/security/conftest.py), whose report carries what it counted to
# the summary at the end of the run, from whichever pytest-xdist process ran it.
CURRENT: dict[str, Any] = {}


@dataclass
class Figures:
    """Counters for one suite, printed as ``<suite>: N label, M label, ...`` in the order first added."""

    suite: str
    counts: Counter[str] = field(default_factory=Counter)
    order: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what went wrong, printed under the line

    def add(self, label: str, n: int = 1) -> None:
        if label not in self.order:
            self.order.append(label)
        self.counts[label] += n
        self._report(label, n, largest=False)

    def at_least(self, label: str, n: int) -> None:
        """A figure that is the same in every test (how many were planted, say): the largest, not the sum."""
        self.add(label, 0)
        self.counts[label] = max(self.counts[label], n)
        self._report(label, n, largest=True)

    def _report(self, label: str, n: int, *, largest: bool) -> None:
        node = CURRENT.get("node")
        if node is not None:
            suite_figure(node, self.suite, label, n, largest=largest)

    def __getitem__(self, label: str) -> int:
        return self.counts[label]

    def line(self) -> str:
        return f"{self.suite}: " + ", ".join(f"{self.counts[label]} {label}" for label in self.order)


SUITES: dict[str, Figures] = {}


def figures(suite: str, *labels: str) -> Figures:
    """The suite's figures; ``labels`` are shown even when they stay at zero (the failure figures)."""
    found = SUITES.setdefault(suite, Figures(suite))
    for label in labels:
        found.add(label, 0)
    return found
