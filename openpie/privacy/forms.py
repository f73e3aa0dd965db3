"""Forms: an organisation's retention rules, and confirming an erasure."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openpie.privacy.models import RetentionPolicy

MONTHS = {
    "invalid": _("Enter a whole number of months, like 12"),
    "min_value": _("Enter at least 1 month, or leave it empty to keep them"),
    "max_value": _("Enter 240 months or fewer"),
}


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["service_user_text_months", "closed_link_names_months", "audit_years"]
        widgets = {name: forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}) for name in fields}
        error_messages = {
            "service_user_text_months": MONTHS,
            "closed_link_names_months": MONTHS,
            "audit_years": {
                "required": _("Enter how many years to keep the audit trail"),
                "invalid": _("Enter a whole number of years, like 6"),
                "min_value": _("Keep the audit trail for at least 1 year"),
                "max_value": _("Enter 50 years or fewer"),
            },
        }


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        error_messages={"required": _("Tick the box to confirm that you want to erase this account")},
    )
