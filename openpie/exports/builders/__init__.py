"""Builders: one module per kind of export. Each turns what a person may see into tables
(``Sheet``) or a document, and the writers here put tables into CSV or XLSX files.

A builder writes to a path it is given (a temporary file); the job saves it to storage only
once it is complete.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Progress = Callable[[int], None]


def no_progress(_percent: int) -> None:
    return None


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


LONG_HEADERS = ["stage", "row", "field", "value"]


def long_rows(sheets: Sequence[Sheet], id_columns: Sequence[str]) -> tuple[list[str], list[list[Any]]]:
    """Every sheet melted into one long table: the identifying columns, then stage, row, field, value."""
    headers = [*id_columns, *LONG_HEADERS]
    rows: list[list[Any]] = []
    for sheet in sheets:
        ids = [sheet.headers.index(c) if c in sheet.headers else None for c in id_columns]
        for number, row in enumerate(sheet.rows, start=1):
            key = [row[i] if i is not None else "" for i in ids]
            for name, value in zip(sheet.headers, row, strict=True):
                if name not in id_columns:
                    rows.append([*key, sheet.name, number, name, value])
    return headers, rows


def row_count(sheets: Sequence[Sheet]) -> int:
    return sum(len(s.rows) for s in sheets)


@dataclass(frozen=True)
class Built:
    """What a builder made: how many data rows, and the file's name."""

    rows: int
    filename: str
