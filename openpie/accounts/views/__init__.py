"""Your account: sign-in, password, your details and API tokens. Two-step sign-in is in ``mfa``,
signing out and the session timeout in ``sessions``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from openpie.accounts.forms import ApiTokenForm, ProfileForm, SignInForm
from openpie.accounts.http import AuthedRequest
from openpie.accounts.models import ApiToken, User
from openpie.accounts.services import api_token_create, api_token_revoke
from openpie.accounts.services.mfa import recovery_codes_left, recovery_device, totp_device
from openpie.accounts.services.passkeys import passkeys_of
from openpie.accounts.signin import normalise_email, retry_after, slowdown_response
from openpie.accounts.slots import SIGN_IN
from openpie.audit.services import audit_record
from openpie.common.http import client_address


class SignInView(auth_views.LoginView):
    """The first step: email address and password. A second step follows if the person has one."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    http_method_names = ["get", "head", "post"]

    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        """A much-guessed email address: 429 with Retry-After until its next try may be checked."""
        wait = retry_after(request.POST.get("username", ""))
        if wait:
            return slowdown_response(request, wait)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["more_ways"] = SIGN_IN.sign_in_page(self.request)
        context["passkey_login"] = settings.MFA_PASSKEY_LOGIN_ENABLED
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        """Signing in with an organisation's account (drawn by the app above, ``accounts.slots``) has
        forms whose answer leads to the provider: the page's CSP (``form-action``) allows those too."""
        response = super().render_to_response(context, **kwargs)
        section = context["more_ways"]
        if section is not None and section.form_action:
            response._csp_update = {"form-action": sorted(section.form_action)}  # type: ignore[attr-defined]
        return response

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        audit_record(actor=form.get_user(), action="auth.sign_in", address=client_address(self.request))
        return response

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        email = normalise_email(form.data.get("username"))
        person = User.objects.filter(email=email).first() if email else None
        action = "auth.locked_out" if form.locked_out else "auth.sign_in_failed"
        # For an address with no account, what was typed is not kept: it could be anything, a password even.
        audit_record(actor=person, action=action, address=client_address(self.request))
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:profile")
    tokens = ApiToken.objects.filter(user=request.user)
    context = {
        "form": form,
        "tokens": tokens,
        "token_form": ApiTokenForm(),
        "app": totp_device(request.user),
        "codes_left": recovery_codes_left(recovery_device(request.user)),
        "passkeys": passkeys_of(request.user),
        "sign_in_links": SIGN_IN.account_links(request.user),
        "idle_minutes": f"{settings.OPENPIE_IDLE_MINUTES:g}",
        "session_hours": f"{settings.OPENPIE_SESSION_HOURS:g}",
    }
    return render(request, "accounts/profile.html", context)


@login_required
def api_token_new(request: AuthedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, value = api_token_create(user=request.user, name=form.cleaned_data["name"])
        return render(request, "accounts/api_token_created.html", {"token": token, "value": value})
    return render(request, "accounts/api_token_form.html", {"form": form})


@login_required
@require_POST
def api_token_revoke_view(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(request, f"The token “{token.name}” has been revoked. It no longer works.")
    return redirect("accounts:profile")
