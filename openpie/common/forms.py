"""Small helpers shared by forms across apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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


__all__ = ["NON_FIELD_ERRORS", "apply_validation_error", "lines"]
