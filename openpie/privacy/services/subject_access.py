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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.accounts.models import User
from openpie.assessments.reports.pdf import html_to_pdf
from openpie.audit.services import audit_record
from openpie.common.personal_data import sections
from openpie.organisations.models import Organisation

# The PDF's column headings, in the reader's language (each app's keys; a key not here is shown as written).
HEADINGS: dict[str, Any] = {
    "action": gettext_lazy("Action"),
    "active": gettext_lazy("Active"),
    "asked": gettext_lazy("Asked"),
    "at": gettext_lazy("At"),
    "comment": gettext_lazy("Comment"),
    "comments": gettext_lazy("Comments"),
    "contact": gettext_lazy("Contact"),
    "control": gettext_lazy("Control"),
    "created": gettext_lazy("Created"),
    "due": gettext_lazy("Due"),
    "effect": gettext_lazy("Effect"),
    "email": gettext_lazy("Email"),
    "ended": gettext_lazy("Ended"),
    "file": gettext_lazy("File"),
    "format": gettext_lazy("Format"),
    "from": gettext_lazy("From"),
    "full_name": gettext_lazy("Full name"),
    "getting_in_the_way": gettext_lazy("Getting in the way"),
    "going_well": gettext_lazy("Going well"),
    "hows_things": gettext_lazy("How things are"),
    "invited": gettext_lazy("Invited"),
    "joined": gettext_lazy("Joined"),
    "kind": gettext_lazy("Kind"),
    "label": gettext_lazy("Label"),
    "last_signed_in": gettext_lazy("Last signed in"),
    "last_used": gettext_lazy("Last used"),
    "made": gettext_lazy("Made"),
    "name": gettext_lazy("Name"),
    "note": gettext_lazy("Note"),
    "on": gettext_lazy("On"),
    "organisation": gettext_lazy("Organisation"),
    "platform_admin": gettext_lazy("Platform admin"),
    "position": gettext_lazy("Position"),
    "read": gettext_lazy("Read"),
    "received": gettext_lazy("Received"),
    "record": gettext_lazy("Record"),
    "record_id": gettext_lazy("Record id"),
    "response": gettext_lazy("Response"),
    "revoked": gettext_lazy("Revoked"),
    "role": gettext_lazy("Role"),
    "round": gettext_lazy("Round"),
    "scope": gettext_lazy("Scope"),
    "sent": gettext_lazy("Sent"),
    "started": gettext_lazy("Started"),
    "state": gettext_lazy("State"),
    "status": gettext_lazy("Status"),
    "story": gettext_lazy("Story"),
    "text": gettext_lazy("Text"),
    "thread": gettext_lazy("Thread"),
    "title": gettext_lazy("Title"),
    "to": gettext_lazy("To"),
    "try_next": gettext_lazy("Try next"),
    "unit": gettext_lazy("Unit"),
    "what": gettext_lazy("What"),
    "what_changed": gettext_lazy("What changed"),
    "written": gettext_lazy("Written"),
    "you_closed_it": gettext_lazy("You closed it"),
    "you_made_it": gettext_lazy("You made it"),
    "you_own_it": gettext_lazy("You own it"),
    "you_reviewed": gettext_lazy("You reviewed"),
}


def _heading(key: str) -> str:
    return str(HEADINGS.get(key) or key.replace("_", " ").capitalize())


def _cell(value: Any) -> Any:
    """Yes or no for a flag; anything else as it is (dates are formatted by the template)."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


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
                "headers": [_heading(h) for h in headers],
                "rows": [[_cell(row[h]) for h in headers] for row in rows],
            }
        )
    for side in ("received", "sent"):
        rows = data["invitations"][side]
        headers = list(rows[0].keys()) if rows else []
        tables.insert(
            1,
            {
                "title": _("Invitations received") if side == "received" else _("Invitations sent"),
                "headers": [_heading(h) for h in headers],
                "rows": [[_cell(row[h]) for h in headers] for row in rows],
            },
        )
    return tables


def subject_access_pdf(*, person: User, by: User, organisation: Organisation | None = None) -> bytes:
    data = subject_access_data(person=person)
    account = [(_heading(key), _cell(value)) for key, value in data["account"].items()]
    context = {"person": person, "data": data, "account": account, "tables": _tables(data)}
    html = render_to_string("privacy/subject_access_pdf.html", context)
    pdf = html_to_pdf(html)
    _record(person, by, "pdf", organisation)
    return pdf
