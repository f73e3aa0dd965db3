"""Finds words in templates that are not marked for translation.

Every template is read with Django's own lexer: text outside ``{% translate %}``,
``{% blocktranslate %}`` and comments is parsed as HTML, and any run of letters in the page's text
or in an attribute a person reads or hears (``alt``, ``title``, ``placeholder``, ``aria-label``…)
counts as unmarked. An element with its own ``lang`` attribute is deliberately in that language
(the language choice names each language in itself) and is skipped, as are scripts and styles.
Email templates (``.txt``) are plain text: every word outside the tags counts.

    .venv/bin/python -m openpie.common.tests.unmarked [templates/some/folder ...]

prints each unmarked piece with its template, so a translator can find them."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
# Attributes a person reads or hears.
SPOKEN_ATTRIBUTES = frozenset(
    {"alt", "title", "placeholder", "aria-label", "aria-description", "aria-roledescription", "aria-valuetext"}
)
# Names and codes that are the same in every language.
SAME_IN_EVERY_LANGUAGE = frozenset(
    {
        "OpenPIE",
        "PIE",
        "PIEs",
        "PIElink",
        "CSV",
        "XLSX",
        "PDF",
        "JSON",
        "API",
        "OpenAPI",
        "OIDC",
        "SAML",
        "TOTP",
        "English",
        "Cymraeg",
        "GOV.UK",
        "Pizazz",
        "Creative Commons",
        "ICC",
        "r_wg",
        "URL",
        "SSO",
    }
)
PLACEHOLDER = "\x00"
_WORDS = re.compile(r"[^\W\d_]{2,}")
_ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")
_OPENING = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}


def _skeleton(source: str) -> str:
    """The template's own text, with every tag and variable (and every marked block) as one placeholder."""
    parts: list[str] = []
    closing = ""
    for token in Lexer(source).tokenize():
        name = token.contents.split(" ", 1)[0] if token.token_type == TokenType.BLOCK else ""
        if closing:
            closing = "" if name == closing else closing
            continue
        if name in _OPENING:
            closing = _OPENING[name]
            parts.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        elif token.token_type != TokenType.COMMENT:
            parts.append(PLACEHOLDER)
    return "".join(parts)


def _is_words(text: str) -> bool:
    text = _ENTITY.sub(" ", text.replace(PLACEHOLDER, " "))
    for known in sorted(SAME_IN_EVERY_LANGUAGE, key=len, reverse=True):  # "OpenPIE" before "PIE"
        text = text.replace(known, " ")
    return bool(_WORDS.search(text))


class _Reader(HTMLParser):
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._stack: list[bool] = []  # per open element: is its text skipped?

    def _skipped(self) -> bool:
        return any(self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        skip = tag in {"script", "style"} or "lang" in names
        if not skip and not self._skipped():
            self.found += [value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value and _is_words(value)]
        if tag not in self.VOID:
            self._stack.append(skip)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skipped() and "lang" not in {name for name, _value in attrs}:
            self.found += [value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value and _is_words(value)]

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipped() and _is_words(data):
            self.found.append(data)


def unmarked_in(path: Path) -> list[str]:
    """The unmarked pieces of one template, each stripped to one line."""
    skeleton = _skeleton(path.read_text(encoding="utf-8"))
    if path.suffix == ".txt":
        pieces = [skeleton] if _is_words(skeleton) else []
    else:
        reader = _Reader()
        reader.feed(skeleton)
        reader.close()
        pieces = reader.found
    return [" ".join(piece.replace(PLACEHOLDER, "…").split()) for piece in pieces]


def unmarked_templates(folders: list[Path] | None = None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for folder in folders or [TEMPLATES]:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".txt"} and (pieces := unmarked_in(path)):
                found[str(path.relative_to(TEMPLATES.parent))] = pieces
    return found


if __name__ == "__main__":
    report = unmarked_templates([Path(arg).resolve() for arg in sys.argv[1:]] or None)
    for name, pieces in report.items():
        print(name)
        for piece in pieces:
            print("   ", piece[:150])
    print(f"{sum(map(len, report.values()))} unmarked pieces in {len(report)} templates")
