"""A person's subject-access copy: everything OpenPIE holds about them, as JSON and as a tagged PDF.

Made at once (a person's own records are few), in a fixed number of queries. What each app holds
is registered by the app (``personal_data.py``, openpie/common/personal_data.py); this module
names no app's models. Service users who
took part without an account are not people here: nothing links their answers to anyone, so
they use their withdrawal code instead (see the privacy notice).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from openpie.accounts.models import User
from openpie.assessments.reports.pdf import html_to_pdf
from openpie.audit.services import audit_record
from openpie.common.personal_data import sections
from openpie.organisations.models import Organisation


def subject_access_data(*, person: User) -> dict[str, Any]:
    """Everything about ``person``, in sections (the same for JSON and PDF): each app's own
    (openpie/common/personal_data.py), in their order."""
    return {"made_at": timezone.now(), **{section.key: section.rows(person) for section in sections()}}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    raise TypeError(f"Not JSON: {type(value).__name__}")


def _record(person: User, by: User, fmt: str, organisation: Organisation | None) -> None:
    with transaction.atomic():
        audit_record(actor=by, action="privacy.subject_access", target=person, organisation=organisation, format=fmt)


def subject_access_json(*, person: User, by: User, organisation: Organisation | None = None) -> bytes:
    data = json.dumps(subject_access_data(person=person), default=_jsonable, indent=2, ensure_ascii=False)
    _record(person, by, "json", organisation)
    return data.encode()


def _tables(data: dict[str, Any]) -> list[dict[str, Any]]:
    tables = []
    for section in sections():
        if section.title is None:
            continue
        rows = data[section.key]
        headers = [h for h in (rows[0].keys() if rows else []) if h != "detail"]
        tables.append(
            {
                "title": section.title,
                "headers": [h.replace("_", " ").capitalize() for h in headers],
                "rows": [[row[h] for h in headers] for row in rows],
            }
        )
    for side in ("received", "sent"):
        rows = data["invitations"][side]
        headers = list(rows[0].keys()) if rows else []
        tables.insert(
            1,
            {
                "title": f"Invitations {side}",
                "headers": [h.capitalize() for h in headers],
                "rows": [[row[h] for h in headers] for row in rows],
            },
        )
    return tables


def subject_access_pdf(*, person: User, by: User, organisation: Organisation | None = None) -> bytes:
    data = subject_access_data(person=person)
    html = render_to_string(
        "privacy/subject_access_pdf.html", {"person": person, "data": data, "tables": _tables(data)}
    )
    pdf = html_to_pdf(html)
    _record(person, by, "pdf", organisation)
    return pdf
