"""Builders: one module per kind of export. Each turns what a person may see into tables
(``Sheet``) or a document, and the writers (``openpie.common.sheets``) put tables into CSV or XLSX files.

A builder writes to a path it is given (a temporary file); the job saves it to storage only
once it is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# The writers live in common (the audit trail uses them too); the builders import them from here.
from openpie.common.sheets import Sheet, cell, safe_text, write_csv, write_xlsx  # noqa: F401

Progress = Callable[[int], None]


def no_progress(_percent: int) -> None:
    return None


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
