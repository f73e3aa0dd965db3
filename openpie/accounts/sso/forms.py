"""Setting up an organisation's own sign-in (OpenID Connect)."""

from __future__ import annotations

from typing import Any

from django import forms

from openpie.accounts.models import SignInProvider
from openpie.accounts.sso.services import DOMAIN, ProviderDetails
from openpie.organisations.models import Organisation, Role, Unit


class ProviderForm(forms.Form):
    name = forms.CharField(
        label="Name on the sign-in page",
        max_length=40,
        help_text="What people see on the button, for example “Riverside staff account”.",
    )
    issuer = forms.URLField(
        label="Issuer address",
        max_length=200,
        assume_scheme="https",
        help_text="From your provider, for example https://login.microsoftonline.com/<tenant id>/v2.0",
    )
    client_id = forms.CharField(label="Client ID", max_length=191)
    secret = forms.CharField(
        label="Client secret",
        required=False,
        max_length=500,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Kept encrypted. When changing a provider, leave it empty to keep the one already saved.",
    )
    email_domains = forms.CharField(
        label="Email domains that may join",
        required=False,
        max_length=500,
        help_text="Separated by commas, for example riverside.example. Others can join only by invitation.",
    )
    default_role = forms.ChoiceField(
        label="Role for someone who joins by their domain", required=False, choices=[("", "Nobody joins by domain")]
    )
    default_unit = forms.ModelChoiceField(
        label="Where they join", required=False, queryset=Unit.objects.none(), empty_label="Choose a unit"
    )
    password_allowed = forms.BooleanField(
        label="People of this organisation may still sign in with a password", required=False, initial=True
    )

    def __init__(self, *args: Any, organisation: Organisation, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.fields["default_unit"].queryset = Unit.objects.filter(organisation=organisation).order_by("path")  # type: ignore[attr-defined]
        roles = [(value, label) for value, label in Role.choices if value != Role.ORG_ADMIN]
        self.fields["default_role"].choices = [("", "Nobody joins by domain"), *roles]  # type: ignore[attr-defined]

    def clean_email_domains(self) -> list[str]:
        domains = [d.strip().lower().lstrip("@") for d in self.cleaned_data["email_domains"].split(",") if d.strip()]
        wrong = [d for d in domains if not DOMAIN.match(d)]
        if wrong:
            raise forms.ValidationError(f"Enter domains like riverside.example, not {', '.join(wrong)}")
        return domains

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.editing and not data.get("secret"):
            self.add_error("secret", "Enter the client secret from your provider")
        if data.get("default_role") and not data.get("default_unit"):
            self.add_error("default_unit", "Choose where people who join by their domain join")
        return data

    def details(self) -> ProviderDetails:
        data = self.cleaned_data
        return ProviderDetails(
            name=data["name"],
            issuer=data["issuer"],
            client_id=data["client_id"],
            secret=data["secret"],
            email_domains=data["email_domains"],
            password_allowed=data["password_allowed"],
            default_role=data["default_role"] if data.get("default_unit") else "",
            default_unit=data["default_unit"] if data.get("default_role") else None,
        )


def provider_initial(provider: SignInProvider) -> dict[str, Any]:
    return {
        "name": provider.app.name,
        "issuer": provider.app.settings.get("server_url", ""),
        "client_id": provider.app.client_id,
        "email_domains": ", ".join(provider.email_domains),
        "default_role": provider.default_role,
        "default_unit": provider.default_unit,
        "password_allowed": provider.password_allowed,
    }
