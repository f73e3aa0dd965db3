"""Every unit at or below a unit: the latest round of each, a sheet per stage across all of them
(XLSX), or one long-format CSV. Draft rounds and coffee-break check-ins are left out, as in the overview.
The same number of queries whatever the number of units: every round's threads are read together."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from openpie.assessments.models import Round
from openpie.assessments.selectors import rounds_threads
from openpie.exports.builders import Built, Progress, Sheet, long_rows, row_count, write_csv, write_xlsx
from openpie.exports.builders.round import ACTIONS, BEADS, EVIDENCE, FACTORS, ID_COLUMNS, round_sheets
from openpie.insights.selectors import COUNTED_STATES, LATEST_FIRST
from openpie.organisations.models import Unit

UNIT_COLUMNS = ["unit_id", "unit", "round_id", "round", "held_on"]
STAGES = ("Beads", "Evidence", "Factors", "Actions")


def latest_rounds(unit: Unit) -> QuerySet[Round]:
    rounds = Round.objects.filter(
        unit__organisation_id=unit.organisation_id, unit__path__startswith=unit.path, state__in=COUNTED_STATES
    ).exclude(form=Round.Form.CHECK_IN)
    latest = rounds.filter(unit_id=OuterRef("unit_id")).order_by(*LATEST_FIRST).values("id")[:1]
    return (
        rounds.filter(id=Subquery(latest)).select_related("unit", "framework").order_by("unit__path", "held_on", "id")
    )


def subtree_sheets(unit: Unit, progress: Progress) -> list[Sheet]:
    sheets: dict[str, Sheet] = {}
    found = list(latest_rounds(unit))
    threads = rounds_threads(r.pk for r in found)
    progress(40)
    for round_ in found:
        prefix = [round_.unit_id, round_.unit.name, round_.pk, round_.title, round_.held_on]
        for sheet in round_sheets(round_, overlay=None, prefix=prefix, summaries=threads[round_.pk]):
            merged = sheets.setdefault(sheet.name, Sheet(sheet.name, [*UNIT_COLUMNS, *sheet.headers]))
            merged.rows += sheet.rows
    progress(90)  # once, not per round: each report of progress is a write
    if not found:  # headings only
        empty = zip(STAGES, (BEADS, EVIDENCE, FACTORS, ACTIONS), strict=True)
        return [Sheet(name, [*UNIT_COLUMNS, *headers]) for name, headers in empty]
    return [sheets[name] for name in STAGES if name in sheets]


def build(*, unit: Unit, viewer: Any, fmt: str, path: Path, progress: Progress) -> Built:
    sheets = subtree_sheets(unit, progress)
    name = f"unit-{unit.pk}-below"
    if fmt == "csv":
        headers, rows = long_rows(sheets, [*UNIT_COLUMNS, *ID_COLUMNS])
        write_csv(path, headers, rows)
        return Built(rows=len(rows), filename=f"{name}.csv")
    write_xlsx(path, sheets)
    return Built(rows=row_count(sheets), filename=f"{name}.xlsx")
