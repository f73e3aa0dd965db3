"""Checking an uploaded file: its size, and its real type read from its content (never its name)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

# OPENPIE_UPLOAD_MAX_MB (10 by default); a request larger than OPENPIE_REQUEST_MAX_MB is a 413 (common/limits.py).
MAX_BYTES: int = settings.OPENPIE_UPLOAD_MAX_BYTES
MAX_WORDS = f"{MAX_BYTES / 1024 / 1024:.1f}".removesuffix(".0") + " MB"  # MB is the same in every language
ALLOWED: dict[str, StrOrPromise] = {
    "application/pdf": "PDF",
    "image/png": gettext_lazy("PNG image"),
    "image/jpeg": gettext_lazy("JPEG image"),
    "image/gif": gettext_lazy("GIF image"),
    "image/webp": gettext_lazy("WebP image"),
    "application/msword": gettext_lazy("Word document"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": gettext_lazy("Word document"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": gettext_lazy("Excel spreadsheet"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": gettext_lazy(
        "PowerPoint presentation"
    ),
    "application/vnd.oasis.opendocument.text": gettext_lazy("OpenDocument text"),
    "application/vnd.oasis.opendocument.spreadsheet": gettext_lazy("OpenDocument spreadsheet"),
    "application/vnd.oasis.opendocument.presentation": gettext_lazy("OpenDocument presentation"),
}
ALLOWED_NAMES = gettext_lazy(
    "a PDF, an image (PNG, JPEG, GIF, WebP) or an office document (Word, Excel, PowerPoint, OpenDocument)"
)


@dataclass(frozen=True)
class CheckedFile:
    mime: str
    extension: str
    name: str  # the name to show and download as: the person's name, with the extension of what it really is
    size: int


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    return head


def check_upload(upload: UploadedFile, *, field: str = "file") -> CheckedFile:
    size = upload.size or 0
    if size == 0:
        raise ValidationError({field: _("The selected file is empty")})
    if size > MAX_BYTES:
        raise ValidationError(
            {
                field: _("The selected file must be smaller than %(limit)s (it is %(size)s MB)")
                % {"limit": MAX_WORDS, "size": f"{size / 1024 / 1024:.1f}"}
            }
        )
    kind = filetype.guess(_head(upload))
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError({field: _("The selected file must be %(kinds)s") % {"kinds": ALLOWED_NAMES}})
    stem = PurePath(upload.name or "evidence").stem.replace("\x00", "")[:150] or "evidence"
    return CheckedFile(mime=kind.mime, extension=kind.extension, name=f"{stem}.{kind.extension}", size=size)
