"""The form for rating a thread's review criteria red, amber or green, each with an optional note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.assessments.forms.stages import AnswerField
from openpie.assessments.guidance import CriterionView
from openpie.assessments.models import CriterionRating
from openpie.assessments.services.criteria import RatingInput

CHOICES = [*CriterionRating.Rating.choices, ("", gettext_lazy("Not rated"))]


class CriteriaRatingsForm(forms.Form):
    """One red / amber / green choice and one note for each criterion (``rating_<n>``, ``note_<n>``),
    with the version each started from."""

    def __init__(self, *args: Any, criteria: list[CriterionView], **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                name: value
                for c in criteria
                for name, value in (
                    (f"rating_{c.position}", c.rating.rating if c.rating else ""),
                    (f"note_{c.position}", c.rating.note if c.rating else ""),
                    (f"version_{c.position}", c.rating.version if c.rating else 0),
                )
            },
        )
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"rating_{c.position}"] = forms.ChoiceField(
                label=c.statement,
                choices=CHOICES,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose red, amber, green or not rated")},
            )
            self.fields[f"note_{c.position}"] = AnswerField(
                label=_("Note on “%(criterion)s” (optional)") % {"criterion": c.statement},
                rows=2,
                help_text=_("What makes you say so."),
            )
            self.fields[f"version_{c.position}"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, required=False
            )

    @property
    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"rating_{c.position}"], self[f"note_{c.position}"], self[f"version_{c.position}"])
            for c in self.criteria
        ]

    def ratings(self) -> list[RatingInput]:
        data = self.cleaned_data
        return [
            RatingInput(
                position=c.position,
                rating=data[f"rating_{c.position}"] or "",
                note=data[f"note_{c.position}"] or "",
                version=data[f"version_{c.position}"] or 0,
            )
            for c in self.criteria
        ]
