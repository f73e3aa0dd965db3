"""Writes for organisations' own sign-in: setting a provider up (OpenID Connect or SAML 2.0), and who
a first sign-in lets in.

A first sign-in through an organisation's provider lets a person in only if
- they already have an account that belongs to the organisation, or whose address is at an allowed domain;
- or they were invited to the organisation (every waiting invitation there is accepted);
- or their address is at one of the provider's allowed domains and the provider has a default role
  and unit, which they join with.
Anyone else is refused, with a message that says why. Nothing here depends on a plan or a payment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from allauth.socialaccount.models import SocialApp
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.organisations.access import forget_memberships
from openpie.organisations.models import Invitation, Membership, Organisation, Unit
from openpie.organisations.services import invitation_accept
from openpie.signin_providers.models import OIDC, SAML, SignInProvider
from openpie.signin_providers.secrets import secret_seal

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")


class SignInRefusedError(Exception):
    """A sign-in through a provider that does not let this person in; the message says why."""


@dataclass(frozen=True)
class ProviderDetails:
    name: str
    email_domains: list[str]
    password_allowed: bool
    default_role: str
    default_unit: Unit | None
    kind: str = OIDC
    # OpenID Connect
    issuer: str = ""
    client_id: str = ""
    secret: str = ""  # empty when changing: keep the stored one
    # SAML 2.0: the identity provider's entity id, and either its sign-in address and signing
    # certificate or the address of its metadata (which has both).
    entity_id: str = ""
    sso_url: str = ""
    x509cert: str = ""
    metadata_url: str = ""


def saml_settings(details: ProviderDetails) -> dict[str, Any]:
    """allauth's SAML settings: the assertion must be signed by the identity provider, sign-ins it starts
    by itself are refused, and the email address is the NameID when no attribute carries it."""
    idp: dict[str, str] = {"entity_id": details.entity_id}
    if details.metadata_url:
        idp["metadata_url"] = details.metadata_url
    else:
        idp.update(sso_url=details.sso_url, x509cert=details.x509cert)
    advanced = {"want_assertion_signed": True, "reject_idp_initiated_sso": True, "strict": True}
    return {"idp": idp, "advanced": advanced}


def _provider_id(organisation: Organisation, name: str) -> str:
    base = f"{organisation.slug}-{slugify(name)}"[:150] or f"org{organisation.pk}"
    candidate, n = base, 1
    while SocialApp.objects.filter(provider_id=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def provider_save(
    *, organisation: Organisation, details: ProviderDetails, by: Any, provider: SignInProvider | None = None
) -> SignInProvider:
    """Add a provider to an organisation, or change one of its providers (its kind stays)."""
    if provider is None:
        provider_id = _provider_id(organisation, details.name)
        app = SocialApp(provider=details.kind, provider_id=provider_id)
        if details.kind == SAML:  # the SAML pages' addresses carry the app's client id
            app.client_id = provider_id
    else:
        app = provider.app
    app.name = details.name
    if app.provider == SAML:
        app.settings = saml_settings(details)
    else:
        app.client_id = details.client_id
        if details.secret:
            app.secret = secret_seal(details.secret)
        app.settings = {"server_url": details.issuer.rstrip("/")}
    app.save()
    provider = provider or SignInProvider(organisation=organisation, app=app)
    provider.email_domains = details.email_domains
    provider.password_allowed = details.password_allowed
    provider.default_role = details.default_role
    provider.default_unit = details.default_unit
    provider.save()
    audit_record(actor=by, action="sso.provider_save", target=provider, organisation=organisation)
    return provider


@transaction.atomic
def provider_remove(*, provider: SignInProvider, by: Any) -> None:
    audit_record(actor=by, action="sso.provider_remove", target=provider, organisation=provider.organisation_id)
    provider.app.delete()  # and the provider, and every account connected through it


def _waiting_invitations(provider: SignInProvider, email: str) -> list[Invitation]:
    found = Invitation.objects.filter(
        unit__organisation=provider.organisation_id, email__iexact=email, status=Invitation.Status.PENDING
    ).select_related("unit")
    return [invitation for invitation in found if invitation.is_usable]


def _is_member(user: User, provider: SignInProvider) -> bool:
    return Membership.objects.filter(user=user, unit__organisation=provider.organisation_id).exists()


def _refusal(provider: SignInProvider, email: str) -> SignInRefusedError:
    domain = email.rpartition("@")[2]
    return SignInRefusedError(
        _(
            "%(organisation)s has not set OpenPIE up for addresses at %(domain)s, and there is no invitation "
            "for %(email)s. Ask your organisation admin to invite you."
        )
        % {"organisation": provider.organisation.name, "domain": domain, "email": email}
    )


@transaction.atomic
def sso_admit(*, provider: SignInProvider, email: str, name: str = "") -> User:
    """The person a first sign-in through ``provider`` lets in (made if new), or ``SignInRefusedError``."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    invitations = _waiting_invitations(provider, email)
    allowed = provider.allows_domain(email)
    if user is not None and not user.is_active:
        raise SignInRefusedError(_("This account is not active. Ask your organisation admin."))
    if user is not None and not (invitations or allowed or _is_member(user, provider)):
        raise _refusal(provider, email)
    if user is None and not (invitations or (allowed and provider.default_role and provider.default_unit_id)):
        raise _refusal(provider, email)
    if user is None:
        user = User.objects.create_user(email, None, full_name=name[:150])
    for invitation in invitations:
        invitation_accept(invitation=invitation, user=user)
    if not invitations and not _is_member(user, provider) and provider.default_role and provider.default_unit:
        membership = Membership.objects.create(user=user, unit=provider.default_unit, role=provider.default_role)
        forget_memberships(user)
        audit_record(
            actor=user,
            action="member.join",
            target=membership,
            organisation=provider.organisation_id,
            role=membership.role,
        )
    return user
