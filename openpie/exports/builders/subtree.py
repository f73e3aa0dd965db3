"""Every unit at or below a unit: the latest round of each, a sheet per stage across all of them
(XLSX), or one long-format CSV. Draft rounds and coffee-break check-ins are left out, as in the overview.
The same number of queries whatever the number of units: every round's threads are read together."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from openpie.assessments.models import Round
from openpie.assessments.scale import Scale
from openpie.exports.builders import (
    Built,
    Progress,
    Sheet,
    in_words,
    long_in_words,
    long_rows,
    row_count,
    write_csv,
    write_xlsx,
)
from openpie.exports.builders.reading import rounds_export_threads
from openpie.exports.builders.round import ID_COLUMNS, StageRows
from openpie.insights.selectors import COUNTED_STATES, LATEST_FIRST
from openpie.organisations.models import Unit

UNIT_COLUMNS = ["unit_id", "unit", "round_id", "round", "held_on"]


def latest_rounds(unit: Unit) -> QuerySet[Round]:
    rounds = Round.objects.filter(
        unit__organisation_id=unit.organisation_id, unit__path__startswith=unit.path, state__in=COUNTED_STATES
    ).exclude(form=Round.Form.CHECK_IN)
    latest = rounds.filter(unit_id=OuterRef("unit_id")).order_by(*LATEST_FIRST).values("id")[:1]
    return (
        rounds.filter(id=Subquery(latest)).select_related("unit", "framework").order_by("unit__path", "held_on", "id")
    )


def subtree_sheets(unit: Unit, progress: Progress) -> list[Sheet]:
    """The latest round of every unit below ``unit``, a sheet per stage (headings only without rounds)."""
    found = list(latest_rounds(unit))
    threads = rounds_export_threads(r.pk for r in found)
    progress(40)
    stages = StageRows()
    scales: dict[int, Scale] = {}
    for round_ in found:
        scale = scales.get(round_.framework_id) or scales.setdefault(round_.framework_id, Scale.of(round_.framework))
        stages.add(
            threads[round_.pk], scale, [round_.unit_id, round_.unit.name, round_.pk, round_.title, round_.held_on]
        )
    progress(90)  # once, not per round: each report of progress is a write
    return stages.sheets(UNIT_COLUMNS)


def build(*, unit: Unit, viewer: Any, fmt: str, path: Path, progress: Progress) -> Built:
    sheets = subtree_sheets(unit, progress)
    name = f"unit-{unit.pk}-below"
    if fmt == "csv":
        headers, rows = long_in_words(*long_rows(sheets, [*UNIT_COLUMNS, *ID_COLUMNS]), [*UNIT_COLUMNS, *ID_COLUMNS])
        write_csv(path, headers, rows)
        return Built(rows=len(rows), filename=f"{name}.csv")
    write_xlsx(path, in_words(sheets))
    return Built(rows=row_count(sheets), filename=f"{name}.xlsx")
