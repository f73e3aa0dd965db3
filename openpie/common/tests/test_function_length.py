"""No function in openpie/ is over 60 lines (conventions: small functions that read straight down)."""

from __future__ import annotations

import ast
from pathlib import Path

LIMIT = 60
PACKAGE = Path(__file__).resolve().parents[2]


def _long_functions(root: Path = PACKAGE) -> dict[str, int]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT:
                    found[f"{path.relative_to(root).as_posix()}:{node.name}"] = length
    return found


def test_no_function_is_over_60_lines():
    too_long = _long_functions()
    assert not too_long, f"Functions over {LIMIT} lines (split them): {too_long}"


def test_the_measure_finds_a_function_one_line_too_long(tmp_path):
    """The check above passes only because nothing is too long, not because it looks nowhere."""
    body = "".join(f"    x{n} = {n}\n" for n in range(LIMIT - 1))
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text(f"def fits():\n{body}\n\nasync def too_long():\n{body}    return 1\n")
    (tmp_path / "app" / "migrations").mkdir()
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text(f"def generated():\n{body}    return 1\n")
    assert _long_functions(tmp_path) == {"app/views.py:too_long": LIMIT + 1}
    assert len(list(PACKAGE.rglob("*.py"))) > 100  # the real check reads the whole package
