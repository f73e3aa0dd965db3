"""Figures a suite prints at the end of the run (pages checked with axe, examples run, canary hits...).

A test records a figure on its own report (``figure_add(request, "axe page checks", 3)`` or
``figure_line(request, "schemathesis: ...")``); the summary at the end of the run adds the numbers
up by name. Reports travel from pytest-xdist's workers to the process that prints the summary, so
the figures are whole whether the suite runs in one process or several.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

_COUNT = "openpie_figure"
_LINE = "openpie_figure_line"
_SUITE = "openpie_suite_figure"


def figure_add(request: pytest.FixtureRequest, name: str, value: int) -> None:
    """Add ``value`` to the figure ``name`` (summed over every test of the run)."""
    request.node.user_properties.append((_COUNT, [name, value]))


def figure_line(request: pytest.FixtureRequest, text: str) -> None:
    """Print ``text`` as it is in the summary."""
    request.node.user_properties.append((_LINE, text))


def suite_figure(node: pytest.Item, suite: str, label: str, value: int, *, largest: bool = False) -> None:
    """Count ``value`` under ``label`` on the suite's line ("canary crawl: 1394 requests, 0 canary hits").

    Summed over the run, or with ``largest`` the largest value any test saw (how many were planted).
    """
    node.user_properties.append((_SUITE, [suite, label, value, largest]))


def _suite_lines(reports: list[Any]) -> list[str]:
    seen: dict[tuple[str, int, str, str], tuple[int, bool]] = {}
    order: dict[str, list[str]] = {}
    for report in reports:
        for position, (kind, value) in enumerate(getattr(report, "user_properties", [])):
            if kind != _SUITE:
                continue
            suite, label, number, largest = value
            seen[(report.nodeid, position, suite, label)] = (int(number), bool(largest))
            labels = order.setdefault(suite, [])
            if label not in labels:
                labels.append(label)
    totals: Counter[tuple[str, str]] = Counter()
    for (_, _, suite, label), (number, largest) in seen.items():
        key = (suite, label)
        totals[key] = max(totals[key], number) if largest else totals[key] + number
    return [
        f"{suite}: " + ", ".join(f"{totals[(suite, label)]} {label}" for label in labels)
        for suite, labels in order.items()
    ]


def _reports(terminalreporter: Any) -> list[Any]:
    return [report for reports in terminalreporter.stats.values() for report in reports]


def collected_figures(reports: list[Any]) -> tuple[Counter[str], list[str]]:
    """The summed figures and the lines, each property counted once per test however many reports carry it."""
    seen: dict[tuple[str, int, str], int] = {}
    lines: list[str] = []
    for report in reports:
        for position, (kind, value) in enumerate(getattr(report, "user_properties", [])):
            if kind == _COUNT:
                name, number = value
                seen[(report.nodeid, position, name)] = int(number)
            elif kind == _LINE and value not in lines:
                lines.append(value)
    totals: Counter[str] = Counter()
    for (_, _, name), number in seen.items():
        totals[name] += number
    return totals, lines


def pytest_terminal_summary(terminalreporter: Any) -> None:
    reports = _reports(terminalreporter)
    totals, lines = collected_figures(reports)
    lines += _suite_lines(reports)
    if not totals and not lines:
        return
    terminalreporter.section("figures")
    for name, number in sorted(totals.items()):
        terminalreporter.write_line(f"{name}: {number}")
    for line in lines:
        terminalreporter.write_line(line)
