"""Versioned edits: a change names the version it started from; if someone saved in between, it is a conflict.

A change that sets exactly what is already stored is not a conflict (a retried save whose
first answer was lost must not fight itself).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)

TEXT_LIMIT = 5000


class EditConflictError(Exception):
    """Someone else saved this item after the version the change started from."""

    def __init__(self, *, current: models.Model, theirs: dict[str, Any], yours: dict[str, Any]) -> None:
        super().__init__("Someone else changed this while you were editing it.")
        self.current = current
        self.theirs = theirs
        self.yours = yours


def clean_text(value: str | None, *, field: str, label: str, required: bool = True, limit: int = TEXT_LIMIT) -> str:
    """Text as stored: trimmed, without NUL characters, within the limit; or a clear error for the field."""
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationError(
            {field: _("%(label)s contains a character that cannot be saved (NUL). Remove it.") % {"label": label}}
        )
    if required and not text:
        raise ValidationError({field: _("Enter %(label)s") % {"label": str(label).lower()}})
    if len(text) > limit:
        values = {"label": label, "limit": f"{limit:,}", "length": f"{len(text):,}"}
        raise ValidationError(
            {field: _("%(label)s must be %(limit)s characters or fewer (it has %(length)s)") % values}
        )
    return text


def versioned_update(obj: M, *, version: int, by: Any, **values: Any) -> M:
    """Save ``values`` if ``obj`` is still at ``version``; raise ``EditConflictError`` with both sides if not."""
    model = type(obj)
    stamp = {"updated_at": timezone.now()} if hasattr(obj, "updated_at") else {}
    if hasattr(obj, "updated_by_id"):
        stamp["updated_by"] = by
    changed = model._default_manager.filter(pk=obj.pk, version=version).update(
        **values, **stamp, version=F("version") + 1
    )
    obj.refresh_from_db()
    if not changed:
        theirs = {name: getattr(obj, name) for name in values}
        if theirs != values:
            raise EditConflictError(current=obj, theirs=theirs, yours=values)
    return obj
