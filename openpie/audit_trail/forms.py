"""The audit page's filters: who, what, which kind of record, and between which days."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.audit.labels import ACTIONS, RECORDS
from openpie.audit_trail.selectors import AuditFilters, organisation_people
from openpie.common.forms import DateField
from openpie.organisations.models import Organisation

ANY = [("", gettext_lazy("Anyone"))]


class AuditFilterForm(forms.Form):
    actor = forms.TypedChoiceField(label=gettext_lazy("Who"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(
        label=gettext_lazy("What they did"),
        required=False,
        choices=[("", gettext_lazy("Anything")), *sorted(ACTIONS.items(), key=lambda item: item[1])],
        error_messages={"invalid_choice": gettext_lazy("Choose what they did from the list")},
    )
    record = forms.ChoiceField(
        label=gettext_lazy("Kind of record"),
        required=False,
        choices=[("", gettext_lazy("Any kind")), *sorted(RECORDS.items(), key=lambda item: item[1])],
        error_messages={"invalid_choice": gettext_lazy("Choose a kind of record from the list")},
    )
    date_from = DateField(label=gettext_lazy("From"), required=False, window_label=gettext_lazy("The start date"))
    date_to = DateField(label=gettext_lazy("To"), required=False, window_label=gettext_lazy("The end date"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["actor"]
        field.choices = [*ANY, *organisation_people(organisation)]  # type: ignore[attr-defined]
        field.error_messages["invalid_choice"] = _("Choose a person from the list")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be the same as or after the start date"))
        return data

    def filters(self) -> AuditFilters:
        """The chosen filters; none when the form is not valid (the page then shows its errors)."""
        if not self.is_bound or not self.is_valid():
            return AuditFilters()
        if self.errors:  # an error added after validation (say, a wrong export format)
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            actor=data.get("actor"),
            action=data.get("action") or "",
            record=data.get("record") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
