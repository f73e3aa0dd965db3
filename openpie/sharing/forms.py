"""Forms to ask for a grant and to decide on one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from openpie.organisations.models import Organisation, Unit
from openpie.sharing.models import SharingGrant
from openpie.sharing.services import agencies_to_ask, requested_unit

SCOPE_HINT = _(
    "The overview is the beads and roll-ups; barriers are what holds services back that is outside their control."
)


class GrantRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Which organisation do you want to see?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={
            "required": _("Choose an organisation"),
            "invalid_choice": _("Choose an organisation from the list"),
        },
    )
    unit = forms.CharField(
        label=_("Part of the organisation (optional)"),
        required=False,
        max_length=200,
        help_text=_("The name of a region, locality or service. Leave it empty to ask for the whole organisation."),
    )
    scope = forms.ChoiceField(
        label=_("What do you want to see?"),
        choices=SharingGrant.Scope.choices,
        widget=forms.RadioSelect,
        help_text=SCOPE_HINT,
        error_messages={"required": _("Choose what you want to see")},
    )
    note = forms.CharField(
        label=_("Why do you ask? (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, grantee: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = agencies_to_ask(grantee=grantee)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = data.get("organisation")
        if organisation is not None:
            try:
                data["target"] = requested_unit(granter=organisation, name=data.get("unit") or "")
            except ValidationError as error:
                self.add_error("unit", error.message_dict["unit"][0])
        return data


class GrantDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Do you agree to share?"),
        choices=[("accept", _("Yes, share it")), ("decline", _("No, decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to share")},
    )
    unit = forms.ModelChoiceField(
        label=_("What to share"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=None,
        help_text=_("What was asked for, or a smaller part of it: that unit and everything below it."),
        error_messages={"invalid_choice": _("Choose the unit asked for or one below it")},
    )

    def __init__(self, *args: Any, grant: SharingGrant, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"unit": grant.unit_id})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.below(grant.unit)  # type: ignore[attr-defined]
