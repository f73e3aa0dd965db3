"""Sign-in protection around django-axes.

- Lockout: 5 wrong passwords for one email address from one address lock out that pair only
  (``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]``), so someone guessing from their own
  address cannot lock the real person out from theirs. It ends by itself after the cool-off.
- Slowdown: beyond ``OPENPIE_SIGNIN_SLOW_AFTER`` wrong passwords for one email address in the
  last hour from anywhere, a try for it is checked only if the last wrong one was at least
  ``OPENPIE_SIGNIN_SLOWDOWN_SECONDS`` ago; sooner, the answer is 429 with ``Retry-After`` (no
  worker waits: a pause in the request would hold a server thread per guess). Slower guessing
  from many addresses, and nobody is locked out.
- Messages never say whether an account exists: a made-up address is locked out the same way.
"""

from __future__ import annotations

import ipaddress
import math
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.common.errors import error_response
from openpie.common.http import client_address

LOCKED_OUT_MESSAGE = gettext_lazy(
    "You have entered a wrong password too many times. Wait %(minutes)s minutes and try again, or reset your password."
)


def normalise_email(value: object) -> str:
    return str(value or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The email address an attempt is counted against, however it was typed."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalise_email(value)


def axes_client_ip(request: HttpRequest) -> str | None:
    """The client address as the participation rate limits see it (the last proxy hop), or None when
    a request has none (a test's ``force_login``): django-axes stores it in an address column."""
    address = client_address(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """Keep our own sign-in page (it already says what happened); 429 tells machines to back off."""
    if original_response is None:
        reset = {"url": reverse("accounts:password-reset"), "text": _("Reset your password")}
        context = {"page_title": _("Signing in is locked for now"), "reason": locked_out_message(), "links": [reset]}
        return error_response(request, 429, context=context)
    original_response.status_code = 429
    return original_response


def locked_out_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return str(LOCKED_OUT_MESSAGE) % {"minutes": minutes}


def recent_failures(email: str) -> int:
    """Wrong passwords for this email address in the last hour, from every address."""
    since = timezone.now() - timedelta(hours=1)
    total = AccessAttempt.objects.filter(username=normalise_email(email), attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return int(total or 0)


def retry_after(email: str) -> int:
    """Seconds before a try for this much-guessed email address is checked again (0: now)."""
    email = normalise_email(email)
    if not email or recent_failures(email) < settings.OPENPIE_SIGNIN_SLOW_AFTER:
        return 0
    last = AccessAttempt.objects.filter(username=email).aggregate(at=Max("attempt_time"))["at"]
    waited = (timezone.now() - last).total_seconds() if last else math.inf
    return max(0, math.ceil(settings.OPENPIE_SIGNIN_SLOWDOWN_SECONDS - waited))


def slowdown_response(request: HttpRequest, seconds: int) -> HttpResponse:
    """429 with ``Retry-After``: the same for an address with no account, so it says nothing of one."""
    context = {
        "page_title": _("Too many tries for this email address"),
        "reason": _(
            "Many wrong passwords have been tried for this email address. Wait %(seconds)s seconds, "
            "then try again, or reset your password."
        )
        % {"seconds": seconds},
        "links": [{"url": reverse("accounts:password-reset"), "text": _("Reset your password")}],
    }
    response = error_response(request, 429, context=context)
    response["Retry-After"] = str(seconds)
    return response
