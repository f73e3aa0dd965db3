"""Two-step sign-in pages: set up an authenticator app, the second step, recovery codes, turning it off."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from openpie.accounts.forms import AppCodeForm, ConfirmPasswordForm, SecondStepForm
from openpie.accounts.http import AuthedRequest
from openpie.accounts.models import User
from openpie.accounts.policy import HAS_DEVICE, SETUP_SECRET, mfa_required
from openpie.accounts.services import mfa, passkeys, sessions
from openpie.audit.services import audit_record
from openpie.common.http import client_address


def _next_url(request: HttpRequest, default: str = "home:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return str(redirect(default).url)


def _qr_data_url(user: User, secret: str) -> str:
    code = segno.make(mfa.totp_config_url(user=user, secret=secret), error="m")
    svg = code.svg_inline(scale=5, dark="#0b0c0c", light="#ffffff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _secret_for_typing(secret: str) -> str:
    secret = secret.rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def setup(request: AuthedRequest) -> HttpResponse:
    """Scan a QR code (or type the key), confirm with a code; then the recovery codes, shown once."""
    if mfa.totp_device(request.user) is not None:
        messages.info(request, "Two-step sign-in is already set up.")
        return redirect("accounts:profile")
    secret = request.session.setdefault(SETUP_SECRET, mfa.totp_secret_new())
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.totp_setup_confirm(user=request.user, secret=secret, token=form.cleaned_data["code"])
        if codes is not None:
            sessions.session_verify(request=request, user=request.user)
            request.session.pop(SETUP_SECRET, None)
            request.session[HAS_DEVICE] = True
            sessions.sessions_end_others(request=request, user=request.user)
            audit_record(actor=request.user, action="auth.mfa_added", address=client_address(request))
            context = {"codes": codes, "next": _next_url(request, "accounts:profile"), "first_time": True}
            return render(request, "accounts/mfa_recovery_codes.html", context)
        form.add_error("code", "The code is not right. Check the app shows OpenPIE and enter the code it shows now")
    context = {
        "form": form,
        "qr": _qr_data_url(request.user, secret),
        "secret": _secret_for_typing(secret),
        "required": mfa_required(request.user),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def verify(request: AuthedRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect(_next_url(request))
    app = mfa.totp_device(request.user)
    passkey = passkeys.has_passkey(request.user)
    if app is None and not passkey:  # removed since signing in: nothing to check
        request.session[HAS_DEVICE] = False
        return redirect(_next_url(request))
    form = SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = mfa.mfa_verify(user=request.user, code=form.cleaned_data["code"])
        if result.device is not None:
            sessions.session_verify(request=request, user=request.user)
            if result.used_recovery_code:
                remaining = mfa.recovery_codes_left(mfa.recovery_device(request.user))
                audit_record(actor=request.user, action="auth.recovery_code_used", remaining=remaining)
                messages.warning(
                    request,
                    f"You signed in with a recovery code. It cannot be used again: you have {remaining} left. "
                    "Make new ones under Your account if you are running low.",
                )
            else:
                audit_record(actor=request.user, action="auth.mfa_verified", address=client_address(request))
            return redirect(_next_url(request))
        audit_record(
            actor=request.user, action="auth.mfa_failed", throttled=result.throttled, address=client_address(request)
        )
        form.add_error(
            "code",
            "You have entered too many wrong codes. Wait a minute, then try again"
            if result.throttled
            else "The code is not right. Enter the code your app shows now, or an unused recovery code",
        )
    context = {"form": form, "next": _next_url(request), "app": app, "passkey": passkey}
    return render(request, "accounts/mfa_verify.html", context)


@login_required
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    """Make a new set of recovery codes (the old ones stop working)."""
    if mfa.totp_device(request.user) is None:
        return redirect("accounts:mfa-setup")
    if request.method == "POST":
        codes = mfa.recovery_codes_replace(user=request.user)
        audit_record(actor=request.user, action="auth.recovery_codes_new")
        return render(
            request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": reverse("accounts:profile")}
        )
    return render(request, "accounts/mfa_recovery_codes_new.html")


@login_required
def remove(request: AuthedRequest) -> HttpResponse:
    """Turn two-step sign-in off, after the password. A role that needs it is sent to set it up again."""
    if mfa.totp_device(request.user) is None:
        return redirect("accounts:profile")
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    required = mfa_required(request.user)
    if request.method == "POST" and form.is_valid():
        mfa.mfa_remove(user=request.user)
        request.session[HAS_DEVICE] = False
        sessions.session_unverify(request=request)
        sessions.sessions_end_others(request=request, user=request.user)
        audit_record(actor=request.user, action="auth.mfa_removed", address=client_address(request))
        if required:
            messages.info(request, "Your authenticator app was removed. Your role needs one: set up the new one now.")
            return redirect("accounts:mfa-setup")
        messages.success(request, "Two-step sign-in is off. You now sign in with your password only.")
        return redirect("accounts:profile")
    return render(request, "accounts/mfa_remove.html", {"form": form, "required": required})
