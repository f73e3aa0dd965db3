from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.common.forms import lines

MAX_FILE_BYTES = 1_000_000


class ThreadTextForm(forms.Form):
    """Wording for a theme or element: used for an organisation's own wording and for local elements."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    short_name = forms.CharField(
        label=gettext_lazy("Short name"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Used on charts and narrow screens."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    guiding_questions = forms.CharField(
        label=gettext_lazy("Guiding questions"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy("One question per line."),
    )
    easy_read = forms.CharField(
        label=gettext_lazy("Easy-read wording"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("What people who use the service see. Short sentences and everyday words."),
        max_length=5000,
    )

    def clean_guiding_questions(self) -> list[str]:
        questions = lines(self.cleaned_data["guiding_questions"])
        if any(len(q) > 500 for q in questions):
            raise forms.ValidationError(_("Keep each question under 500 characters."))
        return questions


class WordingForm(ThreadTextForm):
    """The organisation's wording; a blank field keeps the framework's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


class UnitElementsForm(forms.Form):
    elements = forms.MultipleChoiceField(
        label=gettext_lazy("Elements this unit uses"),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": gettext_lazy("Choose at least one element for this unit to use.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["elements"]).choices = choices


class FrameworkImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Framework file"),
        help_text=gettext_lazy("A YAML or JSON file in the OpenPIE framework format, up to 1 MB."),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish it now"),
        required=False,
        help_text=gettext_lazy(
            "A published framework can be used for assessments and can never change. "
            "Leave unticked to check it first as a draft."
        ),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 1 MB."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be text (UTF-8), in YAML or JSON.")) from None


class GuidanceForm(forms.Form):
    """An organisation's own level descriptions (``level_<n>``, one per level) and review criteria."""

    review_criteria = forms.CharField(
        label=gettext_lazy("Review criteria"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy(
            "One statement per line, for the team to rate red, amber or green before placing its bead."
        ),
    )

    def __init__(self, *args: Any, levels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.levels = levels
        criteria = self.fields.pop("review_criteria")
        for i, name in enumerate(levels):
            self.fields[f"level_{i}"] = forms.CharField(
                label=_("What “%(level)s” looks like") % {"level": name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                strip=False,
                help_text=_("Leave it blank to keep the framework's description."),
            )
        self.fields["review_criteria"] = criteria

    @property
    def level_fields(self) -> list[forms.BoundField]:
        return [self[f"level_{i}"] for i in range(len(self.levels))]

    def level_descriptors(self) -> list[str]:
        return [self.cleaned_data[f"level_{i}"] for i in range(len(self.levels))]

    def clean_review_criteria(self) -> list[str]:
        return lines(self.cleaned_data["review_criteria"])
