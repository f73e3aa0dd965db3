from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.accounts.models import User
from openpie.accounts.signin import locked_out_message
from openpie.accounts.slots import SIGN_IN
from openpie.common.forms import validate_password
from openpie.common.mail import in_language_of


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=gettext_lazy("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": gettext_lazy("Enter a correct email address and password. Both may be case-sensitive."),
        "inactive": gettext_lazy("This account is not active. Ask your organisation admin."),
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
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("As my browser asks")), *settings.LANGUAGES],
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The language of the pages and of the emails OpenPIE sends you."),
    )

    class Meta:
        model = User
        fields = ["full_name", "language"]
        labels = {"full_name": gettext_lazy("Your name")}
        help_texts = {"full_name": gettext_lazy("As your team knows you. It is shown beside what you record.")}


class LanguagePasswordResetForm(PasswordResetForm):
    """The password reset email in the language of the person it is for."""

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        context = kwargs.get("context", args[2] if len(args) > 2 else {})
        with in_language_of(context.get("user")):
            super().send_mail(*args, **kwargs)


class _PasswordRulesInLanguage:
    """Django's password rules on setting a password, with their messages in the page's language."""

    def validate_password_for_user(self, user: Any, password_field_name: str = "password2") -> None:  # noqa: S107 (a field name)
        password = self.cleaned_data.get(password_field_name)  # type: ignore[attr-defined]
        if password:
            try:
                validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error(password_field_name, error)  # type: ignore[attr-defined]


class LanguageSetPasswordForm(_PasswordRulesInLanguage, SetPasswordForm):
    """Choosing a new password from a reset link."""


class LanguagePasswordChangeForm(_PasswordRulesInLanguage, PasswordChangeForm):
    """Changing the password from Your account."""


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What is this token for?"),
        max_length=100,
        help_text=gettext_lazy("For example “Monthly report script”."),
    )


class NewAccountForm(forms.Form):
    """Set up an account when accepting an invitation."""

    full_name = forms.CharField(label=gettext_lazy("Your name"), max_length=150)
    password = forms.CharField(
        label=gettext_lazy("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 10 characters. A few unrelated words make a good password."),
    )

    def __init__(self, *args: object, email: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.email = email

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        validate_password(password, User(email=self.email, full_name=self.cleaned_data.get("full_name", "")))
        return password


class SecondStepForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={"required": gettext_lazy("Enter the code from your authenticator app, or a recovery code")},
    )


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your app"),
        max_length=10,
        help_text=gettext_lazy("Six digits, for example 123456."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": gettext_lazy("Enter the 6-digit code from your authenticator app")},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError(_("Enter the 6-digit code from your authenticator app, for example 123456"))
        return code


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Enter your password")},
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right"))
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
