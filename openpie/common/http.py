"""What every app may ask of a request."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind a proxy (``DJANGO_BEHIND_PROXY``), the address the
    proxy saw: the last one it added to ``X-Forwarded-For`` (earlier ones can be made up by anyone)."""
    if settings.OPENPIE_BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return str(request.META.get("REMOTE_ADDR") or "unknown")
