from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from openpie.accounts.models import User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both may be case-sensitive.",
        "inactive": "This account is not active. Ask your organisation admin.",
    }


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
