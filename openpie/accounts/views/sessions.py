"""Signing out (everywhere at once) and the session timeout warning's two requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openpie.accounts.services.sessions import session_remaining, session_touch, sessions_end_all
from openpie.audit.services import audit_record
from openpie.common.http import client_address


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out here and on every other device and browser."""
    user = request.user
    if user.is_authenticated:
        audit_record(actor=user, action="auth.sign_out", address=client_address(request))
        sessions_end_all(user=user)
        logout(request)
        messages.success(request, _("You have signed out, on this device and everywhere else you were signed in."))
    return redirect("accounts:sign-in")


def _status(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "remaining": 0, "extendable": False})
    left = session_remaining(request=request)
    return JsonResponse({"signed_in": True, "remaining": left.seconds, "extendable": left.extendable})


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the session has left. Asking does not count as activity."""
    return _status(request)


@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """Stay signed in: the idle time starts again. Without JavaScript, back to the page."""
    if request.user.is_authenticated:
        session_touch(request=request, force=True)
    target = request.POST.get("next", "")
    if "application/json" not in request.headers.get("Accept", "") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return _status(request)
