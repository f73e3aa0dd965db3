"""django-allauth adapters: organisations' providers (OpenID Connect and SAML 2.0) let in only whom
``services.sso_admit`` admits.

- No signup form anywhere: a person joins by invitation, by an allowed domain, or through the pages.
- allauth's own login stages (its MFA page, email verification) are not used: a provider's sign-in
  signs the person in to Django like the password does, and the project's second-step gate
  (``MfaGateMiddleware``) then asks for the code, for every way in alike. With
  ``OPENPIE_SSO_MFA_COUNTS`` on, a provider that says it used a second factor counts as the second
  step: an OpenID Connect ID token's ``amr`` containing ``mfa`` (or ``otp``, ``hwk``…), a SAML
  assertion's authentication-methods attribute containing ``multipleauthn`` (Microsoft Entra's).
- After a provider's sign-in the device remembers the provider (a signed cookie), so the sign-in page
  offers it again there.
- Providers' client secrets are stored encrypted and opened only when allauth asks for the app.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openpie.accounts.services import sessions
from openpie.audit.services import audit_record
from openpie.common.http import client_address
from openpie.signin_providers.models import SignInProvider
from openpie.signin_providers.secrets import secret_open
from openpie.signin_providers.selectors import REMEMBERED, REMEMBERED_DAYS, remember_value
from openpie.signin_providers.services import SignInRefusedError, sso_admit

SSO_SIGN_IN = "_openpie_sso_sign_in"
MFA_AMR = {"mfa", "otp", "hwk", "swk", "fpt", "face", "sms"}
# SAML attributes: the methods used (Microsoft Entra), and the person's name.
SAML_METHODS = "http://schemas.microsoft.com/claims/authnmethodsreferences"
SAML_NAMES = (
    "http://schemas.microsoft.com/identity/claims/displayname",
    "urn:oid:2.16.840.1.113730.3.1.241",  # displayName
    "urn:oid:2.5.4.3",  # cn
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
)


def refusal_response(request: HttpRequest, message: str, status: int = 403) -> ImmediateHttpResponse:
    page = render(request, "signin_providers/refused.html", {"message": message}, status=status)
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

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post_login(request, user, **kwargs)
        sso = getattr(request, SSO_SIGN_IN, None)
        if sso is not None:
            response.set_cookie(
                REMEMBERED,
                remember_value(sso[0]),
                max_age=REMEMBERED_DAYS * 86400,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response


def _after_sso_sign_in(request: HttpRequest, user: Any, provider: SignInProvider, claims: dict[str, Any]) -> None:
    audit_record(
        actor=user, action="auth.sign_in", organisation=provider.organisation_id, method="sso", provider=provider.pk
    )
    amr = claims.get("amr") or []
    second = isinstance(amr, list) and (MFA_AMR.intersection(amr) or any(str(m).endswith("multipleauthn") for m in amr))
    if settings.OPENPIE_SSO_MFA_COUNTS and second:
        sessions.session_verify(request=request, user=user)
        audit_record(actor=user, action="auth.mfa_verified", address=client_address(request), method="sso")


def _claims(sociallogin: Any, saml: bool) -> dict[str, Any]:
    """The email address, name and methods a provider asserted (OpenID Connect's claims, or SAML's
    attributes: allauth has found the email address among them, or in the NameID)."""
    data = sociallogin.account.extra_data or {}
    if saml:
        first = {key: values[0] for key, values in data.items() if isinstance(values, list) and values}
        name = next((str(first[key]) for key in SAML_NAMES if key in first), "")
        return {"email": sociallogin.user.email, "name": name, "amr": data.get(SAML_METHODS) or []}
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
            raise refusal_response(
                request, _("This way of signing in is no longer set up. Sign in with your password.")
            )
        claims = _claims(sociallogin, provider.is_saml)
        if sociallogin.is_existing:
            user = sociallogin.user
            if not user.is_active:
                raise refusal_response(request, _("This account is not active. Ask your organisation admin."))
        else:
            email = str(claims.get("email") or "")
            if not email or claims.get("email_verified") is False:
                raise refusal_response(
                    request, _("Your organisation's account did not give a confirmed email address.")
                )
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
            _("Signing in with your organisation's account did not work. Try again, or sign in with your password."),
            400,
        )
