"""django-allauth adapters: organisations' providers let in only whom ``services.sso_admit`` admits.

- No signup form anywhere: a person joins by invitation, by an allowed domain, or through the pages.
- allauth's own login stages (its MFA page, email verification) are not used: a provider's sign-in
  signs the person in to Django like the password does, and the project's second-step gate
  (``MfaGateMiddleware``) then asks for the code, for every way in alike. With
  ``OPENPIE_SSO_MFA_COUNTS`` on, a provider whose ID token says it used a second factor
  (``amr`` containing ``mfa``) counts as the second step.
- Providers' client secrets are stored encrypted and opened only when allauth asks for the app.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render

from openpie.accounts.models import SignInProvider
from openpie.accounts.services import sessions
from openpie.accounts.sso.secrets import secret_open
from openpie.accounts.sso.services import SignInRefusedError, sso_admit
from openpie.audit.services import audit_record
from openpie.common.http import client_address

SSO_SIGN_IN = "_openpie_sso_sign_in"
MFA_AMR = {"mfa", "otp", "hwk", "swk", "fpt", "face", "sms"}


def refusal_response(request: HttpRequest, message: str, status: int = 403) -> ImmediateHttpResponse:
    page = render(request, "accounts/sso_refused.html", {"message": message}, status=status)
    return ImmediateHttpResponse(page)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        return []

    def login(self, request: HttpRequest, user: Any) -> None:
        if not hasattr(user, "backend"):
            user.backend = "django.contrib.auth.backends.ModelBackend"
        super().login(request, user)
        sso = getattr(request, SSO_SIGN_IN, None)
        if sso is not None:
            _after_sso_sign_in(request, user, *sso)


def _after_sso_sign_in(request: HttpRequest, user: Any, provider: SignInProvider, claims: dict[str, Any]) -> None:
    audit_record(
        actor=user, action="auth.sign_in", organisation=provider.organisation_id, method="sso", provider=provider.pk
    )
    amr = claims.get("amr") or []
    if settings.OPENPIE_SSO_MFA_COUNTS and isinstance(amr, list) and MFA_AMR.intersection(amr):
        sessions.session_verify(request=request, user=user)
        audit_record(actor=user, action="auth.mfa_verified", address=client_address(request), method="sso")


def _claims(sociallogin: Any) -> dict[str, Any]:
    data = sociallogin.account.extra_data or {}
    merged = {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    merged["amr"] = (data.get("id_token") or {}).get("amr")
    return merged


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request: HttpRequest | None, provider: Any = None, client_id: Any = None) -> list[Any]:
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        for app in apps:
            app.secret = secret_open(app.secret)
        return apps

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return True  # only reached for someone sso_admit has already let in (connected below)

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        found = SignInProvider.objects.select_related("organisation", "app")
        provider = found.filter(app__provider_id=sociallogin.account.provider).first()
        if provider is None:
            raise refusal_response(request, "This way of signing in is no longer set up. Sign in with your password.")
        claims = _claims(sociallogin)
        if sociallogin.is_existing:
            user = sociallogin.user
            if not user.is_active:
                raise refusal_response(request, "This account is not active. Ask your organisation admin.")
        else:
            email = str(claims.get("email") or "")
            if not email or claims.get("email_verified") is False:
                raise refusal_response(request, "Your organisation's account did not give a confirmed email address.")
            try:
                user = sso_admit(provider=provider, email=email, name=str(claims.get("name") or ""))
            except SignInRefusedError as refused:
                audit_record(actor=None, action="auth.sso_refused", organisation=provider.organisation_id)
                raise refusal_response(request, str(refused)) from None
            sociallogin.connect(request, user)
        setattr(request, SSO_SIGN_IN, (provider, claims))

    def on_authentication_error(self, request: HttpRequest, provider: Any, **kwargs: Any) -> None:
        raise refusal_response(
            request,
            "Signing in with your organisation's account did not work. Try again, or sign in with your password.",
            400,
        )
