"""Finds user-facing words in Python that are not marked for translation.

It reads each module's syntax tree and looks where words reach people: form and model field
arguments (``label``, ``help_text``, ``verbose_name``, ``empty_label``, error messages), choices'
labels, ``ValidationError``, ``messages.success(...)`` and its kin, ``HttpResponse*``/``Http404``
texts, and context or dictionary values named ``page_title``, ``title``, ``label``, ``hint``,
``message``, ``heading``, ``text`` or ``description``. A string inside ``_()``/``gettext()``/
``gettext_lazy()``/``ngettext()``/``pgettext()`` is marked. Tests, migrations, management
commands and the demo are not pages and are not read.

    .venv/bin/python -m openpie.common.tests.unmarked_python [openpie/some_app ...]"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
NOT_READ = ("tests", "migrations", "management", "demo")
TRANSLATING = frozenset(
    {
        "_",
        "gettext",
        "gettext_lazy",
        "ngettext",
        "ngettext_lazy",
        "pgettext",
        "pgettext_lazy",
        "npgettext",
        "npgettext_lazy",
        "_lazy",
        "format_lazy",
    }
)
WORDS_KEYWORDS = frozenset(
    {
        "label",
        "help_text",
        "verbose_name",
        "verbose_name_plural",
        "empty_label",
        "message",
        "title",
        "hint",
        "heading",
        "description",
        "page_title",
        "summary",
        "legend",
        "text",
        "label_suffix",
    }
)
WORDS_KEYS = frozenset(
    {
        "page_title",
        "title",
        "label",
        "hint",
        "message",
        "heading",
        "text",
        "description",
        "legend",
        "summary",
        "required",
        "invalid",
        "invalid_choice",
        "max_length",
        "min_length",
    }
)
MESSAGE_CALLS = frozenset({"success", "info", "warning", "error", "debug", "add_message"})
FIRST_ARGUMENT_CALLS = frozenset(
    {
        "ValidationError",
        "Http404",
        "PermissionDenied",
        "HttpResponseBadRequest",
        "HttpResponseForbidden",
        "HttpResponseNotFound",
        "HttpResponse",
    }
)
_WORDS = re.compile(r"[A-Za-z]{2,}[^\n]*\s[A-Za-z]|^[A-Z][a-z]+$")


def _is_words(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(_is_words(part) for part in node.values)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(_WORDS.search(node.value))


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _text(node: ast.AST) -> str:
    return ast.unparse(node)[:120]


# The API's own documentation (OpenAPI summaries and field descriptions) is published in English;
# its error messages are translated like any other.
API_DOCUMENTATION = frozenset({"description", "summary", "title"})


class _Finder(ast.NodeVisitor):
    def __init__(self, *, api: bool = False) -> None:
        self.found: list[tuple[int, str]] = []
        self.keywords = WORDS_KEYWORDS - API_DOCUMENTATION if api else WORDS_KEYWORDS

    def _flag(self, node: ast.AST | None) -> None:
        if node is not None and _is_words(node):
            self.found.append((getattr(node, "lineno", 0), _text(node)))

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if name in TRANSLATING:
            return
        for keyword in node.keywords:
            if keyword.arg in self.keywords:
                self._flag(keyword.value)
        if name in FIRST_ARGUMENT_CALLS and node.args:
            self._flag(node.args[0])
        if name in MESSAGE_CALLS and len(node.args) >= 2:
            self._flag(node.args[1 if name != "add_message" else 2] if name != "add_message" else node.args[-1])
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in WORDS_KEYS:
                self._flag(value)
            if isinstance(key, ast.Constant) and key.value == "breadcrumbs" and isinstance(value, ast.List):
                for crumb in value.elts:  # ("Frameworks", url): the label people read
                    if isinstance(crumb, ast.Tuple) and crumb.elts:
                        self._flag(crumb.elts[0])
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        bases = {ast.unparse(base) for base in node.bases}
        if bases & {"models.TextChoices", "TextChoices", "models.IntegerChoices", "IntegerChoices"}:
            for statement in node.body:
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
                    self._flag(statement.value.elts[-1])
        self.generic_visit(node)


def unmarked_in(path: Path) -> list[tuple[int, str]]:
    finder = _Finder(api=path.name == "api.py" or "api" in path.parts[:-1] or path.name.startswith("api_"))
    finder.visit(ast.parse(path.read_text(encoding="utf-8")))
    return finder.found


def unmarked_modules(folders: list[Path] | None = None) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for folder in folders or [PACKAGE]:
        for path in sorted(folder.rglob("*.py")):
            if any(part in NOT_READ for part in path.relative_to(PACKAGE).parts):
                continue
            if pieces := unmarked_in(path):
                found[str(path.relative_to(PACKAGE.parent))] = pieces
    return found


if __name__ == "__main__":
    report = unmarked_modules([Path(arg).resolve() for arg in sys.argv[1:]] or None)
    for name, pieces in report.items():
        for line, text in pieces:
            print(f"{name}:{line}: {text}")
    print(f"{sum(map(len, report.values()))} unmarked strings in {len(report)} modules")
