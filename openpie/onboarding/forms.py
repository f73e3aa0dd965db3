from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.accounts.models import User
from openpie.common.forms import validate_password
from openpie.onboarding.services.csvfile import MAX_BYTES
from openpie.onboarding.services.levels import MAX_LEVELS
from openpie.organisations.models import Organisation

_EMAIL_ERRORS = {
    "required": gettext_lazy("Enter an email address"),
    "invalid": gettext_lazy("Enter an email address in the correct format, like name@example.org"),
}


class FirstAdminForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Set-up code"),
        max_length=40,
        help_text=gettext_lazy(
            "The code in the server's log (or from “manage.py setup_code”), like abcd-efgh-jkmn-pqrs."
        ),
        error_messages={"required": gettext_lazy("Enter the set-up code")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Your name"), max_length=150, error_messages={"required": gettext_lazy("Enter your name")}
    )
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254, error_messages=_EMAIL_ERRORS)
    password = forms.CharField(
        label=gettext_lazy("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 10 characters. A few unrelated words make a good password."),
        error_messages={"required": gettext_lazy("Choose a password")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            user = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                validate_password(data["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


KIND_HINT = gettext_lazy("A commissioner, funder or research body sees what service providers choose to share with it.")


class OrganisationStartForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Organisation name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the organisation's name")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of organisation is it?"),
        choices=Organisation.Kind.choices,
        widget=forms.RadioSelect,
        help_text=KIND_HINT,
        error_messages={"required": gettext_lazy("Select what kind of organisation it is")},
    )
    top_name = forms.CharField(
        label=gettext_lazy("Name of the top of its structure (optional)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave this blank to use the organisation's name."),
    )
    admin_email = forms.EmailField(
        label=gettext_lazy("First organisation admin's email address"),
        max_length=254,
        help_text=gettext_lazy("We will email them an invitation to set the organisation up."),
        error_messages=_EMAIL_ERRORS,
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254, error_messages=_EMAIL_ERRORS)


class OrganisationRequestForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Organisation name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the organisation's name")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of organisation is it?"),
        choices=Organisation.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select what kind of organisation it is")},
    )
    requester_name = forms.CharField(
        label=gettext_lazy("Your name"), max_length=150, error_messages={"required": gettext_lazy("Enter your name")}
    )
    requester_email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        max_length=254,
        help_text=gettext_lazy("If we say yes, we email you an invitation to set the organisation up."),
        error_messages=_EMAIL_ERRORS,
    )
    about = forms.CharField(
        label=gettext_lazy("Tell us a little about it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("For example who it works with and where."),
        error_messages={
            "required": gettext_lazy("Tell us a little about the organisation"),
            "max_length": gettext_lazy("Keep it to 2,000 characters or fewer"),
        },
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[
            ("approve", gettext_lazy("Start the organisation and invite them")),
            ("decline", gettext_lazy("Decline the request")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select your answer")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the requester (needed if you decline)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("We email it to them."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not data.get("note", "").strip():
            self.add_error("note", _("Write a note to say why you decline"))
        return data


class LevelsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_LEVELS + 1):
            self.fields[f"level_{n}"] = forms.CharField(
                label=_("Level %(number)s (just below the top)") % {"number": n}
                if n == 1
                else _("Level %(number)s") % {"number": n},
                max_length=40,
                required=n == 1,
                error_messages={"required": _("Enter the name of at least the first level")},
            )

    def names(self) -> list[str]:
        return [self.cleaned_data.get(f"level_{n}", "") for n in range(1, MAX_LEVELS + 1)]


class CsvImportForm(forms.Form):
    """A CSV file, uploaded or pasted. On the check page the text comes back in ``text``."""

    file = forms.FileField(
        label=gettext_lazy("Upload a CSV file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    text = forms.CharField(
        label=gettext_lazy("Or paste the rows"),
        required=False,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        error_messages={"max_length": gettext_lazy("The file is too big: keep it to 1 MB or less")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                self.add_error("file", _("The file is too big: keep it to 1 MB or less"))
                return data
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", _("The file must be a CSV file saved as UTF-8 text"))
                return data
        if not data.get("text", "").strip() and not self.errors:
            self.add_error("file", _("Upload a CSV file or paste the rows"))
        return data
