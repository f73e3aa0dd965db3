"""Canaries: another organisation's data, every text field and file of it marked with a unique string.

``plant`` walks the model registry (every model of the ``openpie.*`` apps and the user model), so a
new model's text fields are marked without anyone listing them. ``find`` reads a response or a file
(HTML, JSON, CSV, SVG, PDF text, the members of XLSX and zip files) and returns the canaries in it.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models

from openpie.audit.models import AuditEvent

PATTERN = re.compile(rb"cnry(\d{5})q", re.IGNORECASE)

# Text fields that hold structure rather than words: changing them would break the other
# organisation's own pages (and so hide its text from the test), not reveal anything.
STRUCTURAL = {"path", "key", "slug", "theme_key", "element_key", "password"}


def canary(n: int) -> str:
    return f"cnry{n:05d}q"


@dataclass
class Planted:
    """Where each canary went: ``"app.Model.field #pk"`` by number."""

    where: dict[int, str] = field(default_factory=dict)
    files: int = 0

    def next(self, where: str) -> str:
        n = len(self.where) + 1
        self.where[n] = where
        return canary(n)


def snapshot() -> dict[type[models.Model], set[Any]]:
    """The primary keys of every row now in the database, per model."""
    return {model: set(model._default_manager.values_list("pk", flat=True)) for model in app_models()}


def app_models() -> Iterable[type[models.Model]]:
    user_model = get_user_model()
    for model in apps.get_models():
        if model is AuditEvent:  # append-only: ids and labels, never words (the database refuses changes)
            continue
        if model.__module__.startswith("openpie.") or model is user_model:
            yield model


def text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and f.name not in STRUCTURAL
        and not f.name.endswith(("_hash", "token", "_key", "prefix"))
        and (f.max_length is None or f.max_length >= 10)
    ]


def plant(before: dict[type[models.Model], set[Any]], also: dict[type[models.Model], Iterable[Any]]) -> Planted:
    """Mark every text field and file of the rows made since ``before`` (and the rows in ``also``)."""
    planted = Planted()
    for model in app_models():
        new = set(model._default_manager.values_list("pk", flat=True)) - before.get(model, set())
        new |= set(also.get(model, ()))
        texts = text_fields(model)
        files = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not new or not (texts or files):
            continue
        for row in model._default_manager.filter(pk__in=new):
            changed = {}
            for f in texts:
                value = planted.next(f"{model._meta.label}.{f.name} #{row.pk}")
                if isinstance(f, models.EmailField):
                    value = f"{value}@other.example"
                changed[f.name] = value
            for f in files:
                if getattr(row, f.name):
                    mark = planted.next(f"{model._meta.label}.{f.name} (file) #{row.pk}")
                    body = f"%PDF-1.4\n% {mark} the other organisation's file\n".encode()
                    getattr(row, f.name).save(f"{mark}.pdf", ContentFile(body), save=False)
                    changed[f.name] = getattr(row, f.name).name
                    planted.files += 1
            model._default_manager.filter(pk=row.pk).update(**changed)
    return planted


def _pdf_text(body: bytes) -> bytes:
    result = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=False)
    return result.stdout


def readable(body: bytes) -> bytes:
    """The text inside a response or file: PDFs through pdftotext, zip files (XLSX too) member by member."""
    if body.startswith(b"%PDF"):
        return body + _pdf_text(body)
    if body.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                return b"\n".join(readable(archive.read(name)) + name.encode() for name in archive.namelist())
        except zipfile.BadZipFile:
            return body
    return body


def find(body: bytes, headers: Iterable[tuple[str, str]] = ()) -> set[int]:
    """The numbers of the canaries in a body (and headers)."""
    text = readable(body) + "\n".join(f"{k}: {v}" for k, v in headers).encode()
    return {int(n) for n in PATTERN.findall(text)}
