"""Tables as CSV or XLSX files: a ``Sheet`` (name, headings, rows) and the writers, which make
every cell safe to open in a spreadsheet. Exports and the audit trail's download both use them."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook


@dataclass
class Sheet:
    """One table: a name (a sheet in a workbook, a file in a zip), headings and rows."""

    name: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def cell(value: Any) -> Any:
    """A value as a spreadsheet or CSV cell: dates as ISO text, None as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


FORMULA_STARTS = frozenset(("=", "+", "-", "@", "\t", "\r"))


def safe_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection).
    Numbers and text, most of an export's cells, take the short way (a call per cell adds up)."""
    kind = type(value)
    if kind is int or kind is float:
        return value
    if kind is not str:
        value = cell(value)
        if type(value) is not str:
            return value
    return "'" + value if value[:1] in FORMULA_STARTS else value


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([safe_text(v) for v in row])


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    book = Workbook(write_only=True)
    for sheet in sheets:
        ws = book.create_sheet(title=sheet.name[:31])
        ws.append(sheet.headers)
        for row in sheet.rows:
            ws.append([safe_text(v) for v in row])
    book.save(path)
