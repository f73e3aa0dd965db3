"""The overview's filters: a locality below the unit, a client group, a type of service, and which rounds."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from openpie.common.dates import InDateWindow
from openpie.insights.selectors import OverviewFilters, Period
from openpie.organisations.models import Unit

LATEST = "latest"
PERIOD = "period"


class OverviewFilterForm(forms.Form):
    locality = forms.TypedChoiceField(label=_("Part of the organisation"), coerce=int, required=False, empty_value=None)
    client_group = forms.ChoiceField(
        label=_("Works mainly with"), required=False, choices=[("", _("Any client group")), *Unit.ClientGroup.choices]
    )
    service_type = forms.ChoiceField(
        label=_("Type of service"), required=False, choices=[("", _("Any type of service")), *Unit.ServiceType.choices]
    )
    rounds = forms.ChoiceField(
        label=_("Which rounds"),
        required=False,
        choices=[
            (LATEST, _("The latest round of each unit")),
            (PERIOD, _("The latest round of each unit held in a period")),
        ],
        widget=forms.RadioSelect,
    )
    date_from = forms.DateField(
        label=_("From (for example 2025-01-31)"), required=False, validators=[InDateWindow(_("The start date"))]
    )
    date_to = forms.DateField(
        label=_("To (for example 2025-12-31)"), required=False, validators=[InDateWindow(_("The end date"))]
    )

    def __init__(self, data: Any, *, unit: Unit, localities: list[Unit]) -> None:
        super().__init__(data)
        self.unit = unit
        self.localities = {u.pk: u for u in localities}
        locality = cast(forms.TypedChoiceField, self.fields["locality"])
        locality.choices = [("", f"All of {unit.name}")] + [(u.pk, u.name) for u in localities if u.pk != unit.pk]
        self.fields["date_from"].error_messages["invalid"] = (
            "Enter the start date as a year, month and day, like 2025-01-31"
        )
        self.fields["date_to"].error_messages["invalid"] = (
            "Enter the end date as a year, month and day, like 2025-12-31"
        )
        self.fields["locality"].error_messages["invalid_choice"] = f"Choose a part of {unit.name} from the list"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if data.get("rounds") == PERIOD and not (start or end):
            self.add_error(
                "date_from", "Enter a start date, an end date or both, or choose the latest round of each unit"
            )
        if start and end and start > end:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data

    def filters(self) -> OverviewFilters:
        data = self.cleaned_data
        locality = self.localities.get(data["locality"]) if data.get("locality") else None
        return OverviewFilters(
            locality=locality, client_group=data.get("client_group") or "", service_type=data.get("service_type") or ""
        )

    def period(self) -> Period | None:
        data = self.cleaned_data
        if data.get("rounds") != PERIOD and not (data.get("date_from") or data.get("date_to")):
            return None
        return Period(start=data.get("date_from"), end=data.get("date_to"))
