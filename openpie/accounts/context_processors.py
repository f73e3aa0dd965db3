"""What the session timeout warning needs on every page of a signed-in person."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from openpie.accounts.policy import second_step_due
from openpie.accounts.services.sessions import session_remaining


def session_timeout(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        "session_timeout": {
            "remaining": session_remaining(request=request).seconds,
            "warning": settings.OPENPIE_IDLE_WARNING_SECONDS,
        },
        "second_step_due": second_step_due(request),
    }
