"""Middleware for signing in safely: no stored pages, session limits, the second step, refusals recorded."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from openpie.accounts.policy import BACKGROUND_HEADER, second_step_due
from openpie.accounts.services import sessions
from openpie.audit.services import audit_record
from openpie.common.http import client_address

Handler = Callable[[HttpRequest], HttpResponse]

# What a person may open before finishing the second step (or setting one up).
OPEN_BEFORE_SECOND_STEP = frozenset(
    {
        "accounts:sign-in",
        "accounts:sign-out",
        "accounts:mfa-verify",
        "accounts:mfa-setup",
        "accounts:passkey-sign-in",
        "accounts:passkey-options",
        "accounts:session-status",
        "accounts:session-extend",
        "accounts:language",
    }
)
# Asking how long is left is not activity.
NOT_ACTIVITY = frozenset({"accounts:session-status"})


def _url_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page the application makes (static files are served
    before this and stay cacheable): pages here carry personal data, and a shared computer's
    back button or a proxy must not keep them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response


class UserLanguageMiddleware:
    """A signed-in person's saved language (``User.language``) over the device's cookie or the
    browser's wish, which LocaleMiddleware has already applied: a shared computer keeps nobody's choice."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        language = getattr(user, "language", "") if user.is_authenticated else ""
        if language and language != getattr(request, "LANGUAGE_CODE", ""):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class TwoStepMiddleware:
    """Give ``request.user`` an ``is_verified()``: True once the second step is done in this session
    (as django-otp's middleware did, so every check reads the same)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        request.user = SimpleLazyObject(partial(self._with_is_verified, request, user))  # type: ignore[assignment]
        return self.get_response(request)

    @staticmethod
    def _with_is_verified(request: HttpRequest, user: Any) -> Any:
        user.is_verified = partial(sessions.session_is_verified, request=request, user=user)  # loads a lazy user
        return getattr(user, "_wrapped", user)


class SessionGuardMiddleware:
    """End a signed-in session that has been idle too long, is too old, or was signed out elsewhere;
    otherwise count the request as activity (unless it is a page polling by itself)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            reason = sessions.session_end_reason(request=request, user=user)
            if reason is not None:
                audit_record(actor=user, action="auth.session_expired", reason=reason, address=client_address(request))
                logout(request)
                messages.info(request, sessions.end_reason_message(reason))
            elif not request.META.get(BACKGROUND_HEADER) and _url_name(request) not in NOT_ACTIVITY:
                sessions.session_touch(request=request)
        return self.get_response(request)


class MfaGateMiddleware:
    """A person who has an authenticator app, or whose role needs one, can do nothing but the second
    step (or set-up) and signing out until it is done. The API treats such a session as not signed
    in, so only a personal token works there."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = second_step_due(request)
        if step is None:
            return self.get_response(request)
        if _is_api(request):
            request.user = AnonymousUser()
            return self.get_response(request)
        if _url_name(request) in OPEN_BEFORE_SECOND_STEP:
            return self.get_response(request)
        target = reverse(step)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return HttpResponseRedirect(target)


class DeniedAuditMiddleware:
    """Record every refusal (403) of a signed-in person in the audit trail, HTML and API alike."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code == 403 and getattr(user, "is_authenticated", False):
            audit_record(
                actor=user,
                action="auth.denied",
                path=request.path[:200],
                method=request.method,
                address=client_address(request),
            )
        return response
