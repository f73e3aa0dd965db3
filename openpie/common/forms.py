"""Small helpers shared by forms across apps."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from openpie.common.dates import InDateWindow


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when it names one the form has."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for item in errors:
                form.add_error(target, item.messages[0] if hasattr(item, "messages") else str(item))
    else:
        for message in error.messages:
            form.add_error(None, message)


def lines(text: str) -> list[str]:
    """Non-empty, stripped lines of a textarea, e.g. one guiding question per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _password_problem(error: ValidationError) -> str:
    """One of Django's password rules broken, in the page's language (Django's Welsh leaves these out)."""
    params = error.params or {}
    if error.code == "password_too_short":
        least = int(params.get("min_length", 0))
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            least,
        ) % {"min_length": least}
    if error.code == "password_too_common":
        return _("This password is too common.")
    if error.code == "password_entirely_numeric":
        return _("This password is entirely numeric.")
    if error.code == "password_too_similar":
        return _("The password is too similar to your name or email address.")
    return " ".join(error.messages)


def validate_password(password: str, user: Any) -> None:
    """Django's password rules (``AUTH_PASSWORD_VALIDATORS``), each message in the page's language."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError([_password_problem(item) for item in error.error_list]) from None


__all__ = ["NON_FIELD_ERRORS", "apply_validation_error", "lines", "validate_password"]


class DatePartsWidget(forms.Widget):
    """The GOV.UK date input: three boxes (day, month, year) named ``<name>_day`` and so on."""

    parts = (
        ("day", gettext_lazy("Day"), "2"),
        ("month", gettext_lazy("Month"), "2"),
        ("year", gettext_lazy("Year"), "4"),
    )

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {part: (data.get(f"{name}_{part}") or "").strip() for part, _, _ in self.parts}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}_{part}" in data for part, _, _ in self.parts)

    def _values(self, value: Any) -> dict[str, str]:
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        return value if isinstance(value, dict) else {}

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        attrs = attrs or {}
        base_id = attrs.get("id") or f"id_{name}"
        values = self._values(value)
        error = " govuk-input--error" if attrs.get("aria-invalid") else ""
        items = (
            (
                f"{base_id}_{part}" if part != "day" else base_id,
                label,
                f"{name}_{part}",
                values.get(part, ""),
                f"govuk-input govuk-date-input__input govuk-input--width-{width}{error}",
            )
            for part, label, width in self.parts
        )
        boxes = format_html_join(
            "",
            '<div class="govuk-date-input__item"><div class="govuk-form-group">'
            '<label class="govuk-label govuk-date-input__label" for="{0}">{1}</label>'
            '<input class="{4}" id="{0}" name="{2}" type="text" inputmode="numeric" value="{3}">'
            "</div></div>",
            items,
        )
        return format_html('<div class="govuk-date-input" id="{}-parts">{}</div>', base_id, boxes)


# What a date typed in three boxes lacks, as one sentence each (Welsh joins the parts differently).
MISSING_PARTS = {
    ("day",): gettext_lazy("%(label)s must include a day"),
    ("month",): gettext_lazy("%(label)s must include a month"),
    ("year",): gettext_lazy("%(label)s must include a year"),
    ("day", "month"): gettext_lazy("%(label)s must include a day and a month"),
    ("day", "year"): gettext_lazy("%(label)s must include a day and a year"),
    ("month", "year"): gettext_lazy("%(label)s must include a month and a year"),
}


class DateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK messages, inside the date window
    (``openpie.common.dates``); ``window_label`` names the field in that message (its label by default)."""

    widget = DatePartsWidget

    def __init__(self, *, window_label: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(InDateWindow(window_label or self.label))

    def to_python(self, value: Any) -> datetime.date | None:
        parts = value if isinstance(value, dict) else {}
        if not any(parts.values()):
            return None
        missing = [part for part in ("day", "month", "year") if not parts.get(part)]
        if missing:
            raise ValidationError(str(MISSING_PARTS[tuple(missing)]) % {"label": self.label})
        try:
            day, month, year = (int(parts[part]) for part in ("day", "month", "year"))
            if year < 1000:
                raise ValueError
            return datetime.date(year, month, day)
        except (TypeError, ValueError):
            raise ValidationError(_("Enter a real date, for example 27 3 2026")) from None
