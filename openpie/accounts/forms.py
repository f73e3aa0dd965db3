from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy

from openpie.accounts.models import User
from openpie.accounts.signin import locked_out_message
from openpie.accounts.slots import SIGN_IN


class SignInForm(AuthenticationForm):
    username = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both may be case-sensitive.",
        "inactive": "This account is not active. Ask your organisation admin.",
    }

    def clean(self) -> dict[str, Any]:
        """Say so when django-axes has locked this address out for it (the slowdown is the view's 429)."""
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise forms.ValidationError(locked_out_message(), code="locked_out") from None
            raise

    def confirm_login_allowed(self, user: Any) -> None:
        """An organisation that signs in with its own provider may turn passwords off for its people."""
        super().confirm_login_allowed(user)
        refusal = SIGN_IN.password_refusal(user)
        if refusal is not None:
            raise forms.ValidationError(refusal, code="password_not_allowed")

    @property
    def locked_out(self) -> bool:
        return bool(getattr(self.request, "axes_locked_out", False))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]
        labels = {"full_name": "Your name"}
        help_texts = {"full_name": "As your team knows you. It is shown beside what you record."}


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is this token for?", max_length=100, help_text="For example “Monthly report script”."
    )


class NewAccountForm(forms.Form):
    """Set up an account when accepting an invitation."""

    full_name = forms.CharField(label="Your name", max_length=150)
    password = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A few unrelated words make a good password.",
    )

    def __init__(self, *args: object, email: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.email = email

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(
            password, User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))
        )
        return password


class SecondStepForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={"required": "Enter the code from your authenticator app, or a recovery code"},
    )


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        help_text="Six digits, for example 123456.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app, for example 123456")
        return code


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right")
        return password


class PasskeyForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name for this passkey"),
        max_length=60,
        help_text=gettext_lazy("So you can tell your passkeys apart, for example “Work laptop” or “My phone”."),
        error_messages={"required": gettext_lazy("Enter a name for this passkey")},
    )
    credential = forms.CharField(
        widget=forms.HiddenInput,
        max_length=20_000,
        error_messages={"required": gettext_lazy("Make the passkey with the button, then save it")},
    )
