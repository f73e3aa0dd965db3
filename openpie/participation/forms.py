"""Forms for taking part (in easy words) and for the lead's pages."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from openpie.common.forms import DateField

SHARE_CHOICES = [("no", _("No, keep my comments private")), ("yes", _("Yes, staff can read my comments"))]


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
        label=_("I understand and I want to take part"),
        required=False,
    )
    display_name = forms.CharField(label=_("Your first name or a word like “resident”"), required=False, max_length=60)
    shares_comments = _ShareField(label=_("Can staff read what you write?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("start_key", secrets.token_urlsafe(24))
        super().__init__(*args, **kwargs)


class ProxyStartForm(forms.Form):
    """A keyworker or advocate starts answers for a person who agreed."""

    start_key = forms.CharField(widget=forms.HiddenInput, max_length=40)
    consent_confirmed = forms.BooleanField(
        label=_("The person has agreed to take part, and I have told them how their answers are used"),
        required=False,
    )
    display_name = forms.CharField(label=_("Their first name or role, if they want one given"), required=False)
    shares_comments = _ShareField(label=_("Can staff read their comments?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("start_key", secrets.token_urlsafe(24))
        super().__init__(*args, **kwargs)


class AnswerForm(forms.Form):
    """One question: a bead (or _("I would rather not say")) and "what would make it better?"."""

    position = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    comment = forms.CharField(
        label=_("What would make it better?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
    )

    def __init__(self, *args: Any, count: int, follow_up: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if follow_up:  # a theme's second idea is asked on its own, beside the box
            self.fields["comment"].label = follow_up
        position: Any = self.fields["position"]
        position.choices = [("", _("I would rather not say")), *((str(n), str(n)) for n in range(1, count + 1))]


class WithdrawForm(forms.Form):
    WITHDRAW = "withdraw"
    STOP_SHARING = "stop_sharing"

    code = forms.CharField(label=_("Your code"), max_length=40, help_text=_("It looks like ABCD-EFGH-JKMN."))
    what = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            (WITHDRAW, _("Take all my answers out")),
            (STOP_SHARING, _("Keep my answers, but stop staff reading my comments")),
        ],
        initial=WITHDRAW,
        widget=forms.RadioSelect,
    )


class GoForm(forms.Form):
    """The short address: type the code from the poster."""

    code = forms.CharField(
        label=_("Type the code from the poster"),
        max_length=20,
        help_text=_("It has 8 letters and numbers, like ACDE-FH34."),
        error_messages={"required": _("Type the code from the poster")},
    )


class TextSizeForm(forms.Form):
    size = forms.ChoiceField(choices=[("larger", _("Larger text")), ("normal", _("Normal text"))])
    next = forms.CharField(required=False, max_length=500)


class LinkForm(forms.Form):
    label = forms.CharField(
        label=_("Where will you use it?"),
        required=False,
        max_length=100,
        help_text=_("For example, poster in the lounge."),
    )
    expires_on = DateField(label=_("Closing date"), required=False)
    scale = forms.ChoiceField(
        label=_("Which scale will people answer on?"),
        choices=[
            ("simple", _("Simple: four faces, one for each level (best for most service users)")),
            ("fine", _("Fine: all 20 positions, as staff use")),
        ],
        initial="simple",
        required=False,
        widget=forms.RadioSelect,
    )

    language = forms.ChoiceField(
        label=_("Which language will its pages open in?"),
        choices=[("", _("The language each person’s phone or browser uses")), *settings.LANGUAGES],
        initial="",
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "The poster is printed in it (or in the language of this page for the first choice). "
            "People can change the language on the first page."
        ),
    )

    def clean_scale(self) -> str:
        return self.cleaned_data.get("scale") or "simple"


class SharedActionsForm(forms.Form):
    """A tick for each of the round's actions to tell service users about."""

    actions = forms.TypedMultipleChoiceField(
        label=_("Which actions should service users see?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They show on the links' page, in the team's words, with how far each has got."),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["actions"]
        field.choices = choices


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you setting it aside?"),
        max_length=300,
        error_messages={"required": _("Enter why you are setting these answers aside")},
    )
