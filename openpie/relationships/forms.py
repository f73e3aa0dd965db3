"""An organisation's own relationship word list: one word or short phrase a line."""

from __future__ import annotations

from django import forms

from openpie.common.forms import lines


class WordListForm(forms.Form):
    words = forms.CharField(
        label="Relationship words",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=5000,
        help_text="One word or short phrase a line, like “trust” or “key worker”. Endings such as "
        "“trusting” and “trusted” are found too.",
        error_messages={
            "required": "Enter at least one word, or go back to the framework's words",
            "max_length": "Enter 5000 characters or fewer",
        },
    )

    def clean_words(self) -> list[str]:
        text: str = self.cleaned_data["words"]
        if "\x00" in text:
            raise forms.ValidationError("The words must not contain NUL characters")
        return lines(text)
