"""The window of dates a person may type: one rule for every form and API schema.

A due date of 0001-01-01 or 9999-12-31 is a slip of the keyboard, not a plan. Every date a
person types (a round's date, a due date, a link's closing date, a period or audit filter) must
fall from ``OPENPIE_DATE_EARLIEST`` to ``OPENPIE_DATE_LATEST`` (settings; by default 2000-01-01
to 2100-12-31). Forms add ``InDateWindow(label)`` to a field; API schemas use ``WindowDate``
(or ``window_date`` after their own parsing), whose 422 names the field in ``loc``.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError


def date_window() -> tuple[datetime.date, datetime.date]:
    return settings.OPENPIE_DATE_EARLIEST, settings.OPENPIE_DATE_LATEST


def _spoken(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def window_message(label: str) -> str:
    earliest, latest = date_window()
    return _("%(label)s must be between %(earliest)s and %(latest)s") % {
        "label": label,
        "earliest": _spoken(earliest),
        "latest": _spoken(latest),
    }


def in_window(value: datetime.date | None) -> bool:
    if value is None:
        return True
    if isinstance(value, datetime.datetime):
        value = value.date()
    earliest, latest = date_window()
    return earliest <= value <= latest


class InDateWindow:
    """A form field validator: the date, if any, is inside the window; the message names the field."""

    def __init__(self, label: Any) -> None:
        self.label = label  # a lazy label is read in the language of the page that shows the message

    def __call__(self, value: datetime.date | None) -> None:
        if not in_window(value):
            raise ValidationError(window_message(str(self.label)), code="date_window")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InDateWindow) and str(other.label) == str(self.label)

    def __hash__(self) -> int:
        return hash(str(self.label))


def window_date(value: datetime.date) -> datetime.date:
    """For pydantic: a parsed date outside the window is a 422 on its own field."""
    if not in_window(value):
        earliest, latest = date_window()
        raise PydanticCustomError(
            "date_window",
            "Enter a date from {earliest} to {latest}",
            {"earliest": earliest.isoformat(), "latest": latest.isoformat()},
        )
    return value


WindowDate = Annotated[datetime.date, AfterValidator(window_date)]
