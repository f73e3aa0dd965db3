"""Forms for many voices: inviting the team to place their own beads, the overlay's filter,
and recording the team's agreed position from the overlay. (A member's own bead uses
``forms.rounds.PlacementForm``, as stage 1 does; its target is ignored.)"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.assessments.overlay.selectors import ENTERED
from openpie.assessments.scale import Scale


class InviteForm(forms.Form):
    invite = forms.TypedChoiceField(
        choices=[("yes", gettext_lazy("Invite")), ("no", gettext_lazy("Stop inviting"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": gettext_lazy("Choose whether to invite the team"),
            "invalid_choice": gettext_lazy("Choose yes or no"),
        },
    )


class OverlayFilterForm(forms.Form):
    entered = forms.ChoiceField(
        label=gettext_lazy("Whose views to show"),
        choices=list(ENTERED.items()),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose whose views to show from the list")},
    )

    def chosen(self) -> str:
        """The filter to use: what was chosen, or everyone when nothing (or nonsense) was."""
        if self.is_valid():
            return self.cleaned_data["entered"] or "all"
        return "all"


class ConsensusForm(forms.Form):
    """The position the team agrees after looking at the overlay, and the version of its bead it started from."""

    position = forms.TypedChoiceField(
        label=gettext_lazy("Agreed position"),
        coerce=int,
        error_messages={"required": gettext_lazy("Choose the position the team agrees")},
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["position"])
        field.choices = [(p, scale.label(p)) for p in range(1, scale.count + 1)]
        field.error_messages["invalid_choice"] = _("Choose a position on the scale, from 1 to %(top)s") % {
            "top": scale.count
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, _("This page is out of date. Reload it and try again."))
        return cleaned
