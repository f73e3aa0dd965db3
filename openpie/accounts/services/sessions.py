"""Sessions: when they start, what keeps them alive, and what ends them.

A session ends after ``OPENPIE_IDLE_MINUTES`` without activity, ``OPENPIE_SESSION_HOURS`` after
signing in whatever happens, and as soon as the person signs out anywhere (their
``session_epoch`` goes up, and every session stamped with an older one ends). A deactivated
person's sessions end because Django no longer loads an inactive user; a password change ends
every other session through Django's session hash.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpie.accounts.models import User
from openpie.accounts.policy import EPOCH, HAS_DEVICE, LAST_SEEN, SIGNED_IN_AT, VERIFIED
from openpie.accounts.services.mfa import has_second_step

IDLE = "idle"
ABSOLUTE = "absolute"
ELSEWHERE = "signed_out_elsewhere"


def idle_seconds() -> int:
    return int(settings.OPENPIE_IDLE_MINUTES * 60)


def absolute_seconds() -> int:
    return int(settings.OPENPIE_SESSION_HOURS * 60 * 60)


def session_start(*, request: HttpRequest, user: Any) -> None:
    """Stamp a new sign-in: when it began, the person's sign-out count, whether a second step is due."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    request.session[EPOCH] = user.session_epoch
    request.session[HAS_DEVICE] = has_second_step(user)
    request.session.pop(VERIFIED, None)


def session_verify(*, request: HttpRequest, user: Any) -> None:
    """The second step is done (or was just set up) in this session."""
    request.session[VERIFIED] = user.pk


def session_unverify(*, request: HttpRequest) -> None:
    """The second step no longer counts (the app it was done with was removed)."""
    request.session.pop(VERIFIED, None)


def session_is_verified(*, request: HttpRequest, user: Any) -> bool:
    return bool(user.is_authenticated) and request.session.get(VERIFIED) == user.pk


def session_touch(*, request: HttpRequest, force: bool = False) -> None:
    """Count this request as activity. The session is written at most once a minute (or a tenth of
    the idle time, if shorter), so most pages cost no write; "Stay signed in" always writes."""
    now = int(time.time())
    every = min(60, idle_seconds() // 10)
    if force or now - request.session.get(LAST_SEEN, 0) >= every:
        request.session[LAST_SEEN] = now


def session_end_reason(*, request: HttpRequest, user: Any) -> str | None:
    """Why this signed-in session must end now, or None. A session with no stamps ends too."""
    session = request.session
    now = time.time()
    signed_in_at, last_seen, epoch = session.get(SIGNED_IN_AT), session.get(LAST_SEEN), session.get(EPOCH)
    if epoch is None or epoch != user.session_epoch:
        return ELSEWHERE
    if signed_in_at is None or now - signed_in_at >= absolute_seconds():
        return ABSOLUTE
    if last_seen is None or now - last_seen >= idle_seconds():
        return IDLE
    return None


@dataclass(frozen=True)
class Remaining:
    """Seconds left before the session ends, and whether activity can push that back."""

    seconds: int
    extendable: bool


def session_remaining(*, request: HttpRequest) -> Remaining:
    now = time.time()
    idle_left = request.session.get(LAST_SEEN, 0) + idle_seconds() - now
    absolute_left = request.session.get(SIGNED_IN_AT, 0) + absolute_seconds() - now
    return Remaining(seconds=max(0, int(min(idle_left, absolute_left))), extendable=idle_left <= absolute_left)


def end_reason_message(reason: str) -> str:
    if reason == IDLE:
        minutes = settings.OPENPIE_IDLE_MINUTES
        return ngettext(
            "You were signed out after %(minutes)s minute without activity. Sign in again to carry on.",
            "You were signed out after %(minutes)s minutes without activity. Sign in again to carry on.",
            int(minutes) if float(minutes).is_integer() else 5,
        ) % {"minutes": f"{minutes:g}"}
    if reason == ABSOLUTE:
        hours = settings.OPENPIE_SESSION_HOURS
        return _("You were signed out because you signed in %(hours)s hours ago. Sign in again to carry on.") % {
            "hours": f"{hours:g}"
        }
    return _("You were signed out because you signed out on another device or browser. Sign in again to carry on.")


@transaction.atomic
def sessions_end_all(*, user: User) -> None:
    """End every session of this person (each is checked against ``session_epoch`` on its next request)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])


def sessions_end_others(*, request: HttpRequest, user: User) -> None:
    """End every session of this person except this one."""
    sessions_end_all(user=user)
    request.session[EPOCH] = user.session_epoch
