"""No function in openpie/ is over 60 lines (conventions: small functions that read straight down)."""

from __future__ import annotations

import ast
from pathlib import Path

LIMIT = 60
PACKAGE = Path(__file__).resolve().parents[2]

# Being split elsewhere at the same time (the overview's query steps and folds; the exports'
# builders, which gain agreement figures): taken off this list once those changes are in.
NOT_YET: set[str] = set()


def _long_functions() -> dict[str, int]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT:
                    found[f"{path.relative_to(PACKAGE).as_posix()}:{node.name}"] = length
    return found


def test_no_function_is_over_60_lines():
    too_long = {name: lines for name, lines in _long_functions().items() if name not in NOT_YET}
    assert not too_long, f"Functions over {LIMIT} lines (split them): {too_long}"


def test_the_waiting_list_holds_only_functions_still_too_long():
    assert not sorted(NOT_YET - set(_long_functions()))
