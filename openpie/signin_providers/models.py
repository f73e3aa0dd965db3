"""An organisation's own way to sign in, set up by its admin on pages."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

OIDC = "openid_connect"
SAML = "saml"


class SignInProvider(models.Model):
    """An organisation's own way to sign in (OpenID Connect or SAML 2.0).

    The provider itself is a django-allauth ``SocialApp``: for OpenID Connect the issuer, client id and
    client secret (encrypted: ``secrets``); for SAML the identity provider's entity id, sign-in address
    and signing certificate, or its metadata address. A first sign-in joins someone only if they were
    invited to the organisation, or if their email address is at one of ``email_domains`` and a default
    role and unit are set. The table keeps the name it had when this lived in accounts.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="sign_in_providers"
    )
    app = models.OneToOneField("socialaccount.SocialApp", on_delete=models.CASCADE, related_name="openpie_provider")
    email_domains = models.JSONField(default=list, blank=True)
    password_allowed = models.BooleanField(
        default=True, help_text=gettext_lazy("Whether the organisation's people may still sign in with a password.")
    )
    default_role = models.CharField(max_length=30, blank=True)
    default_unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "accounts_signinprovider"
        ordering = ["organisation", "created_at"]
        verbose_name = gettext_lazy("sign-in provider")

    def __str__(self) -> str:
        return f"{self.app.name} ({self.organisation})"

    @property
    def is_saml(self) -> bool:
        return self.app.provider == SAML

    def allows_domain(self, email: str) -> bool:
        domain = email.rpartition("@")[2].lower()
        return bool(domain) and domain in self.email_domains
