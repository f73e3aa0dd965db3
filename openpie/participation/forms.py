"""Forms for taking part (in easy words) and for the lead's pages."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms

from openpie.common.forms import DateField

SHARE_CHOICES = [("no", "No, keep my comments private"), ("yes", "Yes, staff can read my comments")]


class _ShareField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=SHARE_CHOICES,
            coerce=lambda value: value == "yes",
            required=False,
            initial="no",
            widget=forms.RadioSelect,
            **kwargs,
        )

    def clean(self, value: Any) -> bool:
        """Yes or no; no answer means no."""
        return super().clean(value) is True


class ConsentForm(forms.Form):
    """The consent screen: agree, optionally give a first name or role, choose whether to share comments."""

    start_key = forms.CharField(widget=forms.HiddenInput, max_length=40)
    consent = forms.BooleanField(
        label="I understand and I want to take part",
        required=False,
    )
    display_name = forms.CharField(label="Your first name or a word like “resident”", required=False, max_length=60)
    shares_comments = _ShareField(label="Can staff read what you write?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("start_key", secrets.token_urlsafe(24))
        super().__init__(*args, **kwargs)


class ProxyStartForm(forms.Form):
    """A keyworker or advocate starts answers for a person who agreed."""

    start_key = forms.CharField(widget=forms.HiddenInput, max_length=40)
    consent_confirmed = forms.BooleanField(
        label="The person has agreed to take part, and I have told them how their answers are used",
        required=False,
    )
    display_name = forms.CharField(label="Their first name or role, if they want one given", required=False)
    shares_comments = _ShareField(label="Can staff read their comments?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("start_key", secrets.token_urlsafe(24))
        super().__init__(*args, **kwargs)


class AnswerForm(forms.Form):
    """One question: a bead (or "I would rather not say") and "what would make it better?"."""

    position = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    comment = forms.CharField(
        label="What would make it better?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
    )

    def __init__(self, *args: Any, count: int, follow_up: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if follow_up:  # a theme's second idea is asked on its own, beside the box
            self.fields["comment"].label = follow_up
        position: Any = self.fields["position"]
        position.choices = [("", "I would rather not say"), *((str(n), str(n)) for n in range(1, count + 1))]


class WithdrawForm(forms.Form):
    WITHDRAW = "withdraw"
    STOP_SHARING = "stop_sharing"

    code = forms.CharField(label="Your code", max_length=40, help_text="It looks like ABCD-EFGH-JKMN.")
    what = forms.ChoiceField(
        label="What do you want to do?",
        choices=[
            (WITHDRAW, "Take all my answers out"),
            (STOP_SHARING, "Keep my answers, but stop staff reading my comments"),
        ],
        initial=WITHDRAW,
        widget=forms.RadioSelect,
    )


class GoForm(forms.Form):
    """The short address: type the code from the poster."""

    code = forms.CharField(
        label="Type the code from the poster",
        max_length=20,
        help_text="It has 8 letters and numbers, like ACDE-FH34.",
        error_messages={"required": "Type the code from the poster"},
    )


class TextSizeForm(forms.Form):
    size = forms.ChoiceField(choices=[("larger", "Larger text"), ("normal", "Normal text")])
    next = forms.CharField(required=False, max_length=500)


class LinkForm(forms.Form):
    label = forms.CharField(
        label="Where will you use it?", required=False, max_length=100, help_text="For example, poster in the lounge."
    )
    expires_on = DateField(label="Closing date", required=False)
    scale = forms.ChoiceField(
        label="Which scale will people answer on?",
        choices=[
            ("simple", "Simple: four faces, one for each level (best for most service users)"),
            ("fine", "Fine: all 20 positions, as staff use"),
        ],
        initial="simple",
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_scale(self) -> str:
        return self.cleaned_data.get("scale") or "simple"


class SharedActionsForm(forms.Form):
    """A tick for each of the round's actions to tell service users about."""

    actions = forms.TypedMultipleChoiceField(
        label="Which actions should service users see?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They show on the links' page, in the team's words, with how far each has got.",
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["actions"]
        field.choices = choices


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="Why are you setting it aside?",
        max_length=300,
        error_messages={"required": "Enter why you are setting these answers aside"},
    )
