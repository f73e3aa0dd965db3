"""Reading a pasted or uploaded CSV file, and finding units in it by name or by path.

Both imports (the unit tree, people) check every row before anything is saved: each problem
names its line, and nothing is imported while any row has one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpie.organisations.models import Organisation, Unit

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
MAX_PROBLEMS = 20  # shown at once; the rest are summed up
PATH_SEPARATOR = "/"


def _column(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()


def read_rows(text: str, *, columns: dict[str, str], required: set[str]) -> list[Row]:
    """The rows of ``text`` keyed by column name (``columns`` maps each accepted heading to its name).

    Raises ``ValidationError`` for a file too big, a missing or unknown column, or no rows.
    """
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValidationError(
            _("The file is too big: keep it to %(size)s MB or less") % {"size": MAX_BYTES // 1_000_000}
        )
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff").replace("\x00", "")))
    try:
        lines = [(reader.line_num, cells) for cells in reader if any(cell.strip() for cell in cells)]
    except csv.Error:
        raise ValidationError(
            _("Line %(line)s: this line cannot be read. Check its quotation marks") % {"line": reader.line_num}
        ) from None
    if not lines:
        raise ValidationError(_("The file is empty: it needs a heading line and at least one row"))
    heading_line, headings = lines[0]
    names = []
    for heading in headings:
        name = columns.get(_column(heading))
        if name is None and heading.strip():
            expected = ", ".join(sorted(set(columns)))
            raise ValidationError(
                _("Line %(line)s: “%(heading)s” is not a column. Use: %(expected)s")
                % {"line": heading_line, "heading": heading.strip(), "expected": expected}
            )
        names.append(name or "")
    missing = sorted(required - set(names))
    if missing:
        raise ValidationError(
            _("Line %(line)s: the heading line needs a “%(column)s” column")
            % {"line": heading_line, "column": missing[0]}
        )
    rows = lines[1:]
    if not rows:
        raise ValidationError(_("The file has a heading line but no rows"))
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("The file has %(rows)s rows: import %(most)s or fewer at a time")
            % {
                "rows": number_format(len(rows), force_grouping=True),
                "most": number_format(MAX_ROWS, force_grouping=True),
            }
        )
    return [Row(line, {n: cell for n, cell in zip(names, cells, strict=False) if n}) for line, cells in rows]


def raise_problems(problems: list[str]) -> None:
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            shown.append(
                ngettext(
                    "and %(count)s more problem: correct these first",
                    "and %(count)s more problems: correct these first",
                    more,
                )
                % {"count": more}
            )
        raise ValidationError(shown)


def choice(value: str, choices: Sequence[tuple[str, Any]]) -> str | None:
    """The choice a cell names, by its value or its label (in the page's language or in English), in any
    case; None if it names none."""
    wanted = value.strip().lower()
    for key, label in choices:
        with translation.override("en"):
            english = str(label).lower()
        if wanted in {key.lower(), str(label).lower(), english}:
            return key
    return None


def _not_there(message: str, path: str, above: str) -> str:
    """Why a unit's path names no unit, and (for a unit's parent) which unit it was for."""
    if above:
        return _("%(problem)s above “%(unit)s”") % {"problem": message % {"path": path}, "unit": above}
    return message % {"path": path}


Path = tuple[str, ...]  # names from just below the top unit, in lower case


@dataclass
class UnitIndex:
    """The organisation's units by path and by name, to which an import adds the units it will make."""

    top: Unit
    by_path: dict[Path, Unit | None] = field(default_factory=dict)  # None: a unit this file will add
    names: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def of(cls, organisation: Organisation) -> UnitIndex:
        units = list(Unit.objects.filter(organisation=organisation).order_by("path"))
        top = next(u for u in units if u.parent_id is None)
        index = cls(top=top)
        paths: dict[int, Path] = {top.pk: ()}
        for unit in units:
            if unit.parent_id is not None and unit.parent_id in paths:
                paths[unit.pk] = (*paths[unit.parent_id], unit.name.lower())
                index.by_path[paths[unit.pk]] = unit
                index.names[paths[unit.pk]] = unit.name
        return index

    def add(self, path: Path, name: str) -> None:
        self.by_path[path] = None
        self.names[path] = name

    def label(self, path: Path) -> str:
        return self.names.get(path, self.top.name) if path else self.top.name

    def find(self, text: str, *, above: str = "") -> tuple[Path | None, str]:
        """The path a cell names (``()`` is the top unit), or None and why not (``above``: the unit it is for)."""
        parts = [p.strip() for p in text.split(PATH_SEPARATOR) if p.strip()]
        if parts and parts[0].lower() == self.top.name.lower():
            parts = parts[1:]
        if not parts:
            return (), ""
        path = tuple(p.lower() for p in parts)
        if len(parts) > 1:
            if path in self.by_path:
                return path, ""
            return None, _not_there(_("there is no unit at “%(path)s”"), "/".join(parts), above)
        matches = [p for p in self.by_path if p[-1] == path[0]]
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            return None, _not_there(_("there is no unit called “%(path)s”"), parts[0], above)
        example = "/".join(self.names[matches[0][:i]] for i in range(1, len(matches[0]) + 1))
        return None, _("there are %(count)s units called “%(name)s”: write its path, like “%(example)s”") % {
            "count": len(matches),
            "name": parts[0],
            "example": example,
        }
