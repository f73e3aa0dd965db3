"""Reads for organisations' own sign-in, and what accounts' slots ask (``openpie.accounts.slots``).

The public sign-in page does not list the installation's providers: it would tell anyone which
organisations use OpenPIE and how they sign in. A person types their work email address and is offered
the provider of the organisation that lists its domain (as Microsoft's and Google's own sign-in pages
do), and on a device where they signed in with a provider before, that one provider is offered again
(a signed cookie, ``REMEMBERED``). Someone invited from another domain is offered the organisation's
providers on their invitation's page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.accounts.slots import Link, PageSection
from openpie.organisations.models import Membership, Organisation, Role
from openpie.signin_providers.models import SAML, SignInProvider

REMEMBERED = "openpie_sign_in_provider"
REMEMBERED_SALT = "openpie.signin_providers.remembered"
REMEMBERED_DAYS = 400


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in {"http", "https"} and parts.netloc else ""


def providers() -> QuerySet[SignInProvider]:
    return SignInProvider.objects.select_related("app", "organisation")


def providers_for_email(email: str) -> list[SignInProvider]:
    """The providers of organisations that list this address's domain. (An installation has a few
    providers: one query, matched here, as SQLite has no JSON containment.)"""
    if not email.strip().rpartition("@")[2]:
        return []
    return [provider for provider in providers().order_by("app__name") if provider.allows_domain(email.strip())]


def login_url(provider: SignInProvider) -> str:
    if provider.is_saml:
        return reverse("saml_login", args=[provider.app.client_id])
    return reverse("openid_connect_login", args=[provider.app.provider_id])


def form_action(found: list[SignInProvider]) -> tuple[str, ...]:
    """Where the providers' sign-in forms lead after our redirect (their origins, for the page's CSP)."""
    origins = set()
    for provider in found:
        settings = provider.app.settings or {}
        if provider.app.provider == SAML:
            idp = settings.get("idp", {})
            origins.add(_origin(idp.get("sso_url") or idp.get("metadata_url") or ""))
        else:
            origins.add(_origin(settings.get("server_url", "")))
    return tuple(sorted(origins - {""}))


def remembered(request: HttpRequest) -> SignInProvider | None:
    value = request.COOKIES.get(REMEMBERED)
    if not value:
        return None
    try:
        pk = signing.loads(value, salt=REMEMBERED_SALT, max_age=REMEMBERED_DAYS * 86400)
    except signing.BadSignature:
        return None
    return providers().filter(pk=pk).first()


def remember_value(provider: SignInProvider) -> str:
    return signing.dumps(provider.pk, salt=REMEMBERED_SALT)


def sign_in_page(request: HttpRequest) -> PageSection:
    """Below the password form: the email address to find one's organisation by, and the provider used
    on this device before, if any."""
    again = remembered(request)
    context: dict[str, Any] = {"again": again, "again_url": login_url(again) if again else ""}
    return PageSection("signin_providers/sign_in_section.html", context, form_action([again] if again else []))


def password_refusal(user: User) -> str | None:
    """Why this person may not sign in with a password: their organisation turned passwords off."""
    organisations = Membership.objects.filter(user=user).values("unit__organisation")
    provider = providers().filter(organisation__in=organisations, password_allowed=False).first()
    if provider is None:
        return None
    return _(
        "%(organisation)s signs in with its own account: enter your email address under “Sign in with your "
        "organisation's account” and continue with %(provider)s."
    ) % {"organisation": provider.organisation.name, "provider": provider.app.name}


def account_links(user: User) -> list[Link]:
    """The sign-in pages of the organisations this person administers."""
    administered = Organisation.objects.filter(
        units__memberships__user=user, units__memberships__role=Role.ORG_ADMIN
    ).distinct()
    return [
        Link(
            _("Signing in with %(organisation)s's account") % {"organisation": organisation.name},
            reverse("signin_providers:list", args=[organisation.pk]),
        )
        for organisation in administered
    ]
