"""Finding the forms on a page (the standard library's HTML parser) and filling them in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Inputs that take free text; the others keep the value the page gave them.
TEXT_TYPES = {"", "text", "search", "email", "url", "tel"}
# Text inputs that hold a number or a part of a date (a GOV.UK date input): hostile text there only
# tests the number parsing, which the schemathesis run covers.
NOT_FREE_TEXT = ("-day", "-month", "-year", "_day", "_month", "_year", "position", "version", "target")


@dataclass
class Form:
    action: str
    method: str
    fixed: dict[str, str] = field(default_factory=dict)  # hidden inputs, chosen options, checked boxes
    free: list[str] = field(default_factory=list)  # the free-text fields

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """The same form for another object (evidence for each thread, say) is sent only once."""
        return re.sub(r"\d+", "N", self.action), tuple(sorted(self.free))

    def filled(self, text: str) -> dict[str, str]:
        return {**self.fixed, **dict.fromkeys(self.free, text)}


class _FormParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = Form(action=a.get("action") or self.page, method=(a.get("method") or "get").lower())
            self.forms.append(self.current)
            return
        form = self.current
        if form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "textarea":
            form.free.append(name)
        elif tag == "input":
            kind = a.get("type", "").lower()
            if kind in TEXT_TYPES and not name.endswith(NOT_FREE_TEXT):
                form.free.append(name)
            elif kind == "radio" and name not in form.fixed:
                form.fixed[name] = a.get("value", "on")
            elif kind == "checkbox":  # every box ticked (a consent box, say), so the form gets through
                form.fixed.setdefault(name, a.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                form.fixed[name] = a.get("value", "")
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and a.get("value") and self.select not in form.fixed:
            form.fixed[self.select] = a["value"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def forms_on(page: str, html: str) -> list[Form]:
    """The POST forms on a page that have somewhere to type."""
    parser = _FormParser(page)
    parser.feed(html)
    return [f for f in parser.forms if f.method == "post" and f.free]
