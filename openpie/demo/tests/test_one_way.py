"""The demo depends on the feature apps one way: no other module imports demo code."""

from __future__ import annotations

import ast
from pathlib import Path

import openpie

ROOT = Path(openpie.__file__).parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_no_feature_app_imports_the_demo():
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if path.relative_to(ROOT).parts[0] != "demo"
        and any(name == "openpie.demo" or name.startswith("openpie.demo.") for name in _imports(path))
    ]
    assert offenders == []


def test_no_demo_module_is_left_in_a_feature_app():
    left = [str(p.relative_to(ROOT)) for p in ROOT.rglob("demo*.py") if p.relative_to(ROOT).parts[0] != "demo"]
    assert left == []
