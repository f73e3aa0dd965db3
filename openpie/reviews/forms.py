"""Forms for peer review: the invitation, taking a review up, a reviewer's proposal, the team's response.

The proposal and the response's "another position" use stage 1's bead form (``PlacementForm``)
and its partial, so a proposed bead is placed exactly as the team placed its own.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openpie.assessments.forms.rounds import PlacementForm
from openpie.assessments.scale import Scale
from openpie.organisations.models import Unit
from openpie.reviews.models import ThreadReview


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Reviewer's email address"),
        max_length=254,
        help_text=_("Someone from a comparable service, in your organisation or another one."),
        error_messages={
            "required": _("Enter the reviewer's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    days = forms.IntegerField(
        label=_("Days of access"),
        min_value=1,
        help_text=_("They can read this round only, and only for this long. You can end it at any time."),
        error_messages={"required": _("Enter how many days the reviewer may read this round")},
    )
    message = forms.CharField(
        label=_("A note for the reviewer (optional)"), required=False, max_length=3000, widget=forms.Textarea
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        most = settings.OPENPIE_PEER_REVIEW_MAX_DAYS
        days = cast(forms.IntegerField, self.fields["days"])
        days.max_value = most
        days.initial = settings.OPENPIE_PEER_REVIEW_DAYS
        days.widget.attrs.update({"max": most, "inputmode": "numeric"})
        days.validators.append(_max_days)


def _max_days(value: int) -> None:
    most = settings.OPENPIE_PEER_REVIEW_MAX_DAYS
    if value > most:
        raise forms.ValidationError(gettext("Choose between 1 and %(most)d days") % {"most": most})


class AcceptForm(forms.Form):
    """Which of the reviewer's own teams they review on behalf of (counted in the reciprocal ledger)."""

    reviewer_unit = forms.TypedChoiceField(
        label=_("Which of your teams or services are you reviewing for?"),
        help_text=_("Reviews are traded between services: this counts as a review your service has given."),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        field = cast(forms.TypedChoiceField, self.fields["reviewer_unit"])
        field.choices = [(u.pk, f"{u.name} ({u.organisation.name})") for u in units] + [("", _("None of these"))]

    def chosen_unit(self) -> Unit | None:
        pk = self.cleaned_data.get("reviewer_unit")
        return self.units.get(pk) if pk else None


class ProposalForm(PlacementForm):
    """The reviewer's comment and proposed bead on one thread (stage 1's bead, without a target)."""

    comment = forms.CharField(label=_("Your comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, scale=scale, **kwargs)
        del self.fields["target"]
        del self.fields["version"]


class RespondForm(PlacementForm):
    """The team's answer on one thread; ``position`` is used only to agree another position."""

    response = forms.ChoiceField(
        label=_("What does the team make of this?"),
        choices=[c for c in ThreadReview.Response.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the team responds")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, scale=scale, **kwargs)
        del self.fields["target"]
        del self.fields["version"]
        self.order_fields(["response", "position", "note"])
