"""Forms of the barriers register: its filters (GET) and a response to a barrier."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone

from openpie.barriers.models import BarrierResponse
from openpie.barriers.selectors import Period, RegisterFilters
from openpie.barriers.services import TEXT_LIMIT
from openpie.frameworks.models import BarrierKind
from openpie.organisations.models import Unit

PERIODS = (("", "Any time"), ("12", "Rounds in the last 12 months"), ("24", "Rounds in the last 2 years"))


class RegisterFilterForm(forms.Form):
    kind = forms.TypedChoiceField(label="Kind of barrier", required=False, coerce=int, empty_value=None)
    locality = forms.TypedChoiceField(label="Area", required=False, coerce=int, empty_value=None)
    client_group = forms.ChoiceField(
        label="Client group", required=False, choices=[("", "Any client group"), *Unit.ClientGroup.choices]
    )
    service_type = forms.ChoiceField(
        label="Type of service",
        required=False,
        choices=[("", "Any type of service")] + [c for c in Unit.ServiceType.choices if c[0] != "none"],
    )
    period = forms.ChoiceField(label="When", required=False, choices=PERIODS)

    def __init__(self, *args: Any, kinds: list[BarrierKind], areas: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = {k.pk: k for k in kinds}
        self.areas = {u.pk: u for u in areas}
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", "Every kind"),
            *((k.pk, k.name) for k in kinds),
        ]
        cast(forms.ChoiceField, self.fields["locality"]).choices = [
            ("", "Everywhere"),
            *((u.pk, f"{u.organisation.name}: {u.name}" if u.depth else u.name) for u in areas),
        ]

    def kind_chosen(self) -> BarrierKind | None:
        return self.kinds.get(self.cleaned_data.get("kind") or 0) if self.is_valid() else None

    def filters(self) -> RegisterFilters:
        if not self.is_valid():
            return RegisterFilters()
        data = self.cleaned_data
        return RegisterFilters(
            locality=self.areas.get(data.get("locality") or 0),
            client_group=data.get("client_group") or "",
            service_type=data.get("service_type") or "",
        )

    def period_chosen(self) -> Period | None:
        months = self.cleaned_data.get("period") if self.is_valid() else ""
        if not months:
            return None
        return Period(start=timezone.localdate() - timedelta(days=round(int(months) * 365.25 / 12)))


class ResponseForm(forms.Form):
    status = forms.ChoiceField(
        label="What are you doing about it?",
        choices=BarrierResponse.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you are doing about this barrier",
            "invalid_choice": "Choose what you are doing about this barrier",
        },
    )
    text = forms.CharField(
        label="Your response to the service",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LIMIT,
        help_text="The service sees this beside its barrier. Say what you will do, or who can help.",
        error_messages={
            "required": "Enter your response to the service",
            "max_length": f"Your response must be {TEXT_LIMIT} characters or fewer",
        },
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if "\x00" in text:
            raise forms.ValidationError("Your response must not contain NUL characters")
        return text
