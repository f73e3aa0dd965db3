"""Schemas every part of the API shares: errors and pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BaseModel


class BodyIn(BaseModel):
    """A request body: a JSON object, validated as plain pydantic.

    Not a ninja ``Schema``, which reads attributes off whatever it is given (it is made for
    model instances), and so would take a list, a string or a number for an object with
    none of its fields set.
    """


class PageQuery(Schema):
    """Every list takes ``limit`` and ``offset`` and answers ``{"count", "items"}`` (ADR 0002)."""

    limit: int = Field(100, ge=1, le=500, description=_("How many items at most."))
    offset: int = Field(0, ge=0, le=1_000_000, description=_("How many items to skip."))


def page(items: QuerySet[Any] | Sequence[Any], query: PageQuery, render: Callable[[Any], Any]) -> dict[str, Any]:
    """One page of ``items`` as ``{"count", "items"}``, each item rendered by ``render``."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    return {"count": count, "items": [render(item) for item in items[query.offset : query.offset + query.limit]]}


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldError]


class ConflictOut(Schema):
    """A versioned edit that started from an old version: someone else saved in between."""

    detail: str
    current_version: int
    theirs: dict[str, Any]
    yours: dict[str, Any]


# A write's errors (400: its body is not JSON at all; 403: the role may not do it; 413: the body is
# over the request limit), and a read's.
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ValidationErrorOut,
}
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# A versioned edit's errors: a write's, and 409 when the version sent is no longer the stored one.
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: ConflictOut}
