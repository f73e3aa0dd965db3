"""Builders: one module per kind of export. Each turns what a person may see into tables
(``Sheet``) or a document, and the writers (``openpie.common.sheets``) put tables into CSV or XLSX files.

A builder writes to a path it is given (a temporary file); the job saves it to storage only
once it is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext_lazy

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


# The headings and sheet names a person reads, in the language of whoever asked for the export (the
# task runs inside ``translation.override``). The research extract keeps its documented column names.
WORDS = {
    "Beads": pgettext_lazy("export heading", "Beads"),
    "Evidence": pgettext_lazy("export heading", "Evidence"),
    "Factors": pgettext_lazy("export heading", "Factors"),
    "Actions": pgettext_lazy("export heading", "Actions"),
    "Overlay": pgettext_lazy("export heading", "Overlay"),
    "Levels": pgettext_lazy("export heading", "Levels"),
    "Review criteria": pgettext_lazy("export heading", "Review criteria"),
    "Barriers": pgettext_lazy("export heading", "Barriers"),
}
COLUMNS = {
    "thread_key": pgettext_lazy("export column", "thread_key"),
    "thread": pgettext_lazy("export column", "thread"),
    "theme_key": pgettext_lazy("export column", "theme_key"),
    "kind": pgettext_lazy("export column", "kind"),
    "position": pgettext_lazy("export column", "position"),
    "position_label": pgettext_lazy("export column", "position_label"),
    "target": pgettext_lazy("export column", "target"),
    "previous_position": pgettext_lazy("export column", "previous_position"),
    "barriers": pgettext_lazy("export column", "barriers"),
    "barrier_kinds": pgettext_lazy("export column", "barrier_kinds"),
    "text": pgettext_lazy("export column", "text"),
    "file_name": pgettext_lazy("export column", "file_name"),
    "added_on": pgettext_lazy("export column", "added_on"),
    "effect": pgettext_lazy("export column", "effect"),
    "control": pgettext_lazy("export column", "control"),
    "barrier": pgettext_lazy("export column", "barrier"),
    "barrier_kind": pgettext_lazy("export column", "barrier_kind"),
    "funder": pgettext_lazy("export column", "funder"),
    "flag_managers": pgettext_lazy("export column", "flag_managers"),
    "what": pgettext_lazy("export column", "what"),
    "owner": pgettext_lazy("export column", "owner"),
    "due_on": pgettext_lazy("export column", "due_on"),
    "status": pgettext_lazy("export column", "status"),
    "group": pgettext_lazy("export column", "group"),
    "count": pgettext_lazy("export column", "count"),
    "median": pgettext_lazy("export column", "median"),
    "lower_quartile": pgettext_lazy("export column", "lower_quartile"),
    "upper_quartile": pgettext_lazy("export column", "upper_quartile"),
    "agreement": pgettext_lazy("export column", "agreement"),
    "level": pgettext_lazy("export column", "level"),
    "level_name": pgettext_lazy("export column", "level_name"),
    "first_position": pgettext_lazy("export column", "first_position"),
    "last_position": pgettext_lazy("export column", "last_position"),
    "description": pgettext_lazy("export column", "description"),
    "criterion": pgettext_lazy("export column", "criterion"),
    "statement": pgettext_lazy("export column", "statement"),
    "rating": pgettext_lazy("export column", "rating"),
    "note": pgettext_lazy("export column", "note"),
    "unit_id": pgettext_lazy("export column", "unit_id"),
    "unit": pgettext_lazy("export column", "unit"),
    "round_id": pgettext_lazy("export column", "round_id"),
    "round": pgettext_lazy("export column", "round"),
    "held_on": pgettext_lazy("export column", "held_on"),
    "barrier_id": pgettext_lazy("export column", "barrier_id"),
    "organisation": pgettext_lazy("export column", "organisation"),
    "responses": pgettext_lazy("export column", "responses"),
    "stage": pgettext_lazy("export column", "stage"),
    "row": pgettext_lazy("export column", "row"),
    "field": pgettext_lazy("export column", "field"),
    "value": pgettext_lazy("export column", "value"),
}


def column(name: str) -> str:
    return str(COLUMNS.get(name, name))


def in_words(sheets: Sequence[Sheet]) -> list[Sheet]:
    """The sheets with their names and headings in the active language (the rows as they are)."""
    return [Sheet(str(WORDS.get(s.name, s.name)), [column(h) for h in s.headers], s.rows) for s in sheets]


def long_in_words(
    headers: Sequence[str], rows: list[list[Any]], id_columns: Sequence[str]
) -> tuple[list[str], list[list[Any]]]:
    """``long_rows``' table with its headings, stage names and field names in the active language."""
    stage = len(id_columns)
    for row in rows:
        row[stage] = str(WORDS.get(row[stage], row[stage]))
        row[stage + 2] = column(row[stage + 2])
    return [column(h) for h in headers], rows
