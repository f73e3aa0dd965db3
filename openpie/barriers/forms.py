"""Forms of the barriers register: its filters (GET) and a response to a barrier."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from openpie.assessments.models import BarrierStatus
from openpie.barriers.models import BarrierResponse
from openpie.barriers.selectors import Period, RegisterFilters
from openpie.barriers.services import TEXT_LIMIT
from openpie.common.forms import DateField
from openpie.frameworks.models import BarrierKind
from openpie.organisations.models import Unit

PERIODS = (("", _("Any time")), ("12", _("Rounds in the last 12 months")), ("24", _("Rounds in the last 2 years")))


class RegisterFilterForm(forms.Form):
    kind = forms.TypedChoiceField(label=_("Kind of barrier"), required=False, coerce=int, empty_value=None)
    locality = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)
    client_group = forms.ChoiceField(
        label=_("Client group"), required=False, choices=[("", _("Any client group")), *Unit.ClientGroup.choices]
    )
    service_type = forms.ChoiceField(
        label=_("Type of service"),
        required=False,
        choices=[("", _("Any type of service"))] + [c for c in Unit.ServiceType.choices if c[0] != "none"],
    )
    period = forms.ChoiceField(label=_("When"), required=False, choices=PERIODS)

    def __init__(self, *args: Any, kinds: list[BarrierKind], areas: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = {k.pk: k for k in kinds}
        self.areas = {u.pk: u for u in areas}
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", _("Every kind")),
            *((k.pk, k.name) for k in kinds),
        ]
        cast(forms.ChoiceField, self.fields["locality"]).choices = [
            ("", _("Everywhere")),
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
        label=_("What are you doing about it?"),
        choices=BarrierResponse.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you are doing about this barrier"),
            "invalid_choice": _("Choose what you are doing about this barrier"),
        },
    )
    text = forms.CharField(
        label=_("Your response to the service"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LIMIT,
        help_text=_("The service sees this beside its barrier. Say what you will do, or who can help."),
        error_messages={
            "required": _("Enter your response to the service"),
            "max_length": format_lazy(_("Your response must be {limit} characters or fewer"), limit=TEXT_LIMIT),
        },
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if "\x00" in text:
            raise forms.ValidationError(_("Your response must not contain NUL characters"))
        return text


class StatusForm(forms.Form):
    """Where the barrier has got to: only the moves this person may make now are offered."""

    to = forms.ChoiceField(
        label=_("Where has this barrier got to?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose where this barrier has got to"),
            "invalid_choice": _("Choose one of the changes shown"),
        },
    )

    def __init__(self, *args: Any, moves: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(BarrierStatus.choices)
        cast(forms.ChoiceField, self.fields["to"]).choices = [(m, labels[m]) for m in moves]


RATES_DEFAULT_DAYS = 365


class RatesForm(forms.Form):
    """The period of "How barriers are answered": barriers raised in rounds held between two dates."""

    rates_from = DateField(label=_("From"), required=False, window_label=cast(str, _("The start date")))
    rates_to = DateField(label=_("To"), required=False, window_label=cast(str, _("The end date")))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("rates_from"), data.get("rates_to")
        if start and end and end < start:
            self.add_error("rates_to", _("The end date must be the same as or after the start date"))
        return data

    def period(self) -> tuple[date | None, date | None]:
        """The chosen dates; by default the last 12 months (also when the dates given are not valid)."""
        today = timezone.localdate()
        default = (today - timedelta(days=RATES_DEFAULT_DAYS), today)
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        if not data.get("rates_from") and not data.get("rates_to"):
            return default
        return data.get("rates_from"), data.get("rates_to")


class CallForm(forms.Form):
    """Start a locality call: which areas, what to say, and the dates."""

    areas = forms.TypedMultipleChoiceField(
        label=_("Which services are you asking?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every service in the areas you choose is invited. These are the units shared with you."),
        error_messages={
            "required": _("Choose at least one area whose services you are asking"),
            "invalid_choice": _("Choose areas shared with you for their barriers"),
        },
    )
    message = forms.CharField(
        label=_("Your message to the services"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={
            "required": _("Enter a message to the services"),
            "max_length": _("Your message must be 2000 characters or fewer"),
        },
    )
    rounds_from = DateField(
        label=_("Barriers from rounds held on or after"),
        window_label=cast(str, _("The first date of rounds")),
        error_messages={"required": _("Enter the first date of rounds")},
    )
    answer_by = DateField(
        label=_("Answer by"),
        window_label=cast(str, _("The date to answer by")),
        error_messages={"required": _("Enter the date to answer by")},
    )

    def __init__(self, *args: Any, areas: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.area_units = {u.pk: u for u in areas}
        cast(forms.ChoiceField, self.fields["areas"]).choices = [
            (u.pk, f"{u.organisation.name}: {u.name}" if u.depth else u.name) for u in areas
        ]

    def clean_message(self) -> str:
        text: str = self.cleaned_data["message"]
        if "\x00" in text:
            raise forms.ValidationError(_("Your message must not contain NUL characters"))
        return text

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "areas": [self.area_units[pk] for pk in data["areas"]],
            "message": data["message"],
            "rounds_from": data["rounds_from"],
            "answer_by": data["answer_by"],
        }
