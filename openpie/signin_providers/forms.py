"""Setting up an organisation's own sign-in (OpenID Connect or SAML 2.0)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography import x509
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.organisations.models import Organisation, Role, Unit
from openpie.signin_providers.models import OIDC, SAML, SignInProvider
from openpie.signin_providers.services import DOMAIN, ProviderDetails

NOBODY = gettext_lazy("Nobody joins by domain")
KINDS = [
    (OIDC, gettext_lazy("OpenID Connect (Microsoft Entra, Google Workspace and most others)")),
    (SAML, gettext_lazy("SAML 2.0")),
]
OIDC_FIELDS = ("issuer", "client_id")
SAML_FIELDS = ("entity_id",)


def certificate_text(value: str) -> str:
    """A PEM or bare base64 certificate as the one base64 line SAML settings take, or ValidationError."""
    lines = [line.strip() for line in value.strip().splitlines() if line.strip() and "CERTIFICATE" not in line]
    text = "".join(lines).replace(" ", "")
    try:
        x509.load_der_x509_certificate(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        raise forms.ValidationError(
            _("Paste the identity provider's signing certificate (it starts with -----BEGIN CERTIFICATE-----)")
        ) from None
    return text


class ProviderForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of provider"), choices=KINDS, initial=OIDC, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=gettext_lazy("Name on the sign-in page"),
        max_length=40,
        help_text=gettext_lazy("What people see on the button, for example “Riverside staff account”."),
    )
    issuer = forms.URLField(
        label=gettext_lazy("Issuer address"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=gettext_lazy(
            "OpenID Connect: from your provider, for example https://login.microsoftonline.com/<tenant id>/v2.0"
        ),
    )
    client_id = forms.CharField(label=gettext_lazy("Client ID"), required=False, max_length=191)
    secret = forms.CharField(
        label=gettext_lazy("Client secret"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=gettext_lazy(
            "Kept encrypted. When changing a provider, leave it empty to keep the one already saved."
        ),
    )
    entity_id = forms.CharField(
        label=gettext_lazy("Identity provider's entity ID"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("SAML: for example https://sts.windows.net/<tenant id>/"),
    )
    metadata_url = forms.URLField(
        label=gettext_lazy("Metadata address"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=gettext_lazy("SAML: if your provider publishes one. Otherwise give the two below."),
    )
    sso_url = forms.URLField(
        label=gettext_lazy("Sign-in address (single sign-on URL)"),
        required=False,
        max_length=300,
        assume_scheme="https",
    )
    x509cert = forms.CharField(
        label=gettext_lazy("Signing certificate"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text=gettext_lazy("SAML: the certificate your provider signs with, as text (PEM)."),
    )
    email_domains = forms.CharField(
        label=gettext_lazy("Email domains that may join"),
        required=False,
        max_length=500,
        help_text=gettext_lazy(
            "Separated by commas, for example riverside.example. People at these domains are offered this "
            "provider on the sign-in page. Others can join only by invitation."
        ),
    )
    default_role = forms.ChoiceField(
        label=gettext_lazy("Role for someone who joins by their domain"), required=False, choices=[("", NOBODY)]
    )
    default_unit = forms.ModelChoiceField(
        label=gettext_lazy("Where they join"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("Choose a unit"),
    )
    password_allowed = forms.BooleanField(
        label=gettext_lazy("People of this organisation may still sign in with a password"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, organisation: Organisation, editing: str = "", **kwargs: Any) -> None:
        """``editing``: the kind of the provider being changed (its kind cannot change), or empty."""
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing:
            del self.fields["kind"]
            saml_only = (*SAML_FIELDS, "metadata_url", "sso_url", "x509cert")
            for name in saml_only if editing == OIDC else OIDC_FIELDS:
                self.fields.pop(name, None)
            if editing == SAML:
                del self.fields["secret"]
        self.fields["default_unit"].queryset = Unit.objects.filter(organisation=organisation).order_by("path")  # type: ignore[attr-defined]
        roles = [(value, label) for value, label in Role.choices if value != Role.ORG_ADMIN]
        self.fields["default_role"].choices = [("", NOBODY), *roles]  # type: ignore[attr-defined]

    def clean_email_domains(self) -> list[str]:
        domains = [d.strip().lower().lstrip("@") for d in self.cleaned_data["email_domains"].split(",") if d.strip()]
        wrong = [d for d in domains if not DOMAIN.match(d)]
        if wrong:
            raise forms.ValidationError(
                _("Enter domains like riverside.example, not %(wrong)s") % {"wrong": ", ".join(wrong)}
            )
        return domains

    def clean_x509cert(self) -> str:
        value = self.cleaned_data["x509cert"]
        return certificate_text(value) if value.strip() else ""

    @property
    def chosen_kind(self) -> str:
        return self.editing or self.cleaned_data.get("kind") or OIDC

    def _clean_oidc(self, data: dict[str, Any]) -> None:
        if not data.get("issuer"):
            self.add_error("issuer", _("Enter the issuer address from your provider"))
        if not data.get("client_id"):
            self.add_error("client_id", _("Enter the client ID from your provider"))
        if not self.editing and not data.get("secret"):
            self.add_error("secret", _("Enter the client secret from your provider"))

    def _clean_saml(self, data: dict[str, Any]) -> None:
        if not data.get("entity_id"):
            self.add_error("entity_id", _("Enter the identity provider's entity ID"))
        if data.get("metadata_url") or "x509cert" in self.errors:
            return
        if not data.get("sso_url"):
            self.add_error("sso_url", _("Enter the sign-in address, or the metadata address above"))
        if not data.get("x509cert"):
            self.add_error("x509cert", _("Paste the signing certificate, or give the metadata address above"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.chosen_kind == SAML:
            self._clean_saml(data)
        else:
            self._clean_oidc(data)
        if data.get("default_role") and not data.get("default_unit"):
            self.add_error("default_unit", _("Choose where people who join by their domain join"))
        return data

    def details(self) -> ProviderDetails:
        data = self.cleaned_data
        return ProviderDetails(
            kind=self.chosen_kind,
            name=data["name"],
            issuer=data.get("issuer", ""),
            client_id=data.get("client_id", ""),
            secret=data.get("secret", ""),
            entity_id=data.get("entity_id", "").strip(),
            metadata_url=data.get("metadata_url", ""),
            sso_url=data.get("sso_url", ""),
            x509cert=data.get("x509cert", ""),
            email_domains=data["email_domains"],
            password_allowed=data["password_allowed"],
            default_role=data["default_role"] if data.get("default_unit") else "",
            default_unit=data["default_unit"] if data.get("default_role") else None,
        )


class FindForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your work email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": gettext_lazy("Enter your work email address")},
    )


def provider_initial(provider: SignInProvider) -> dict[str, Any]:
    settings = provider.app.settings or {}
    idp = settings.get("idp", {})
    return {
        "name": provider.app.name,
        "issuer": settings.get("server_url", ""),
        "client_id": provider.app.client_id,
        "entity_id": idp.get("entity_id", ""),
        "metadata_url": idp.get("metadata_url", ""),
        "sso_url": idp.get("sso_url", ""),
        "x509cert": idp.get("x509cert", ""),
        "email_domains": ", ".join(provider.email_domains),
        "default_role": provider.default_role,
        "default_unit": provider.default_unit,
        "password_allowed": provider.password_allowed,
    }
