"""An organisation's own relationship word list: one word or short phrase a line."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.common.forms import lines


class WordListForm(forms.Form):
    words = forms.CharField(
        label=gettext_lazy("Relationship words"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=5000,
        help_text=gettext_lazy(
            "One word or short phrase a line, like “trust” or “key worker”. Endings such as "
            "“trusting” and “trusted” are found too."
        ),
        error_messages={
            "required": gettext_lazy("Enter at least one word, or go back to the framework's words"),
            "max_length": gettext_lazy("Enter 5000 characters or fewer"),
        },
    )

    def clean_words(self) -> list[str]:
        text: str = self.cleaned_data["words"]
        if "\x00" in text:
            raise forms.ValidationError(_("The words must not contain NUL characters"))
        return lines(text)
