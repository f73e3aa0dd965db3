"""Passkeys: adding one under Your account, removing it, and signing in with one, by itself (passkey
login) or as the second step after a password or a provider. ``services.passkeys`` says how."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpie.accounts.forms import PasskeyForm
from openpie.accounts.http import AuthedRequest
from openpie.accounts.policy import HAS_DEVICE
from openpie.accounts.services import passkeys, sessions
from openpie.accounts.services.mfa import has_second_step
from openpie.accounts.slots import SIGN_IN
from openpie.accounts.views.mfa import _next_url
from openpie.audit.services import audit_record
from openpie.common.http import client_address


@login_required
def add(request: AuthedRequest) -> HttpResponse:
    """Name the passkey, make it with the browser (or phone, or security key), keep it."""
    form = PasskeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            passkeys.passkey_add(
                user=request.user, name=form.cleaned_data["name"], credential=form.cleaned_data["credential"]
            )
        except ValidationError:
            form.add_error(None, _("The passkey could not be added. Try again."))
        else:
            sessions.session_verify(request=request, user=request.user)
            request.session[HAS_DEVICE] = True
            audit_record(actor=request.user, action="auth.passkey_added", address=client_address(request))
            messages.success(request, _("Your passkey has been added. You can sign in with it now."))
            return redirect("accounts:profile")
    options = passkeys.registration_options(request.user)
    return render(request, "accounts/passkey_add.html", {"form": form, "options": options})


@login_required
@require_POST
def remove(request: AuthedRequest, pk: int) -> HttpResponse:
    if passkeys.passkey_remove(user=request.user, pk=pk):
        request.session[HAS_DEVICE] = has_second_step(request.user)
        audit_record(actor=request.user, action="auth.passkey_removed", address=client_address(request))
        messages.success(request, _("The passkey has been removed. It no longer signs you in."))
    return redirect("accounts:profile")


@require_POST
def options(request: HttpRequest) -> JsonResponse:
    """The challenge for using a passkey: the signed-in person's own (second step), or any (passkey login)."""
    user = request.user if request.user.is_authenticated else None
    if user is None and not settings.MFA_PASSKEY_LOGIN_ENABLED:
        return JsonResponse({"error": "passkey sign-in is off"}, status=404)
    return JsonResponse(passkeys.authentication_options(user))


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    target = "accounts:mfa-verify" if request.user.is_authenticated else "accounts:sign-in"
    return redirect(target)


@require_POST
def sign_in(request: HttpRequest) -> HttpResponse:
    """The browser's answer: signs the person in with both steps done, or finishes their second step."""
    signed_in = request.user if request.user.is_authenticated else None
    if signed_in is None and not settings.MFA_PASSKEY_LOGIN_ENABLED:
        return _refused(request, _("Signing in with a passkey is not turned on here."))
    try:
        user, _device = passkeys.passkey_check(user=signed_in, response=request.POST.get("credential", ""))
    except ValidationError:
        audit_record(actor=signed_in, action="auth.passkey_failed", address=client_address(request))
        return _refused(request, _("That passkey did not work. Try again, or use another way to sign in."))
    if signed_in is None:
        refusal = SIGN_IN.password_refusal(user)
        if not user.is_active or refusal:
            return _refused(request, refusal or _("This account is not active. Ask your organisation admin."))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        audit_record(actor=user, action="auth.sign_in", address=client_address(request), method="passkey")
    # A passkey checks who holds it (user verification): it is both steps at once.
    sessions.session_verify(request=request, user=user)
    audit_record(actor=user, action="auth.mfa_verified", address=client_address(request), method="passkey")
    return redirect(_next_url(request))
