"""The audit trail's export: exactly the filtered rows, as CSV or an Excel workbook.

Cells are written through the export builders (``openpie.exports.builders``), so text a
spreadsheet would run as a formula is made harmless there too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from openpie.audit.models import AuditEvent
from openpie.audit.services import audit_record
from openpie.audit_trail.selectors import EXPORT_HEADERS, AuditFilters, export_rows
from openpie.common.sheets import Sheet, write_csv, write_xlsx
from openpie.organisations.models import Organisation

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(row: list[Any]) -> list[Any]:
    return [value.replace(tzinfo=None) if hasattr(value, "tzinfo") else value for value in row]


def audit_export(
    *, organisation: Organisation, events: QuerySet[AuditEvent], filters: AuditFilters, fmt: str, by: Any
) -> tuple[bytes, str]:
    """The file's bytes and its name; the export itself is recorded in the trail (with the filters, no rows)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"audit.{fmt}"
        if fmt == "csv":
            write_csv(path, EXPORT_HEADERS, export_rows(events))
        else:
            rows = [_plain(row) for row in export_rows(events)]
            write_xlsx(path, [Sheet(name="Audit trail", headers=EXPORT_HEADERS, rows=rows)])
        data = path.read_bytes()
    with transaction.atomic():
        audit_record(
            actor=by,
            action="audit.export",
            target=organisation,
            organisation=organisation,
            format=fmt,
            **{f"filter_{key}": str(value) for key, value in vars(filters).items() if value not in (None, "")},
        )
    return data, f"audit-trail-{organisation.slug}-{timezone.localdate():%Y-%m-%d}.{fmt}"
