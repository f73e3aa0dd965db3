"""Forms for what the team records: evidence, factors (and barriers), actions, the coffee-break check-in.

The forms only read the request: limits, NUL characters and the rules of each stage are
checked by the services, whose errors land on the right field (``apply_validation_error``).
Every edit form carries the ``version`` it started from, so a stale save becomes a conflict.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from openpie.accounts.models import User
from openpie.assessments.models import Action, Factor, Round, Thread
from openpie.assessments.services.files import MAX_WORDS as FILE_LIMIT
from openpie.common.forms import DateField
from openpie.frameworks.models import BarrierKind
from openpie.organisations.models import Membership

F = TypeVar("F", bound=forms.Form)


class AnswerField(forms.CharField):
    """Free text checked by the service (limit, NUL characters), so its messages are the same everywhere."""

    def __init__(self, *, label: StrOrPromise, rows: int = 4, required: bool = False, **kwargs: Any) -> None:
        widget = forms.Textarea(attrs={"rows": rows})
        super().__init__(label=label, required=required, strip=False, widget=widget, **kwargs)
        self.validators = []  # no NUL check here: the service explains it next to the field


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


def editing(form: F) -> F:
    """An edit must say which version it started from (a new item has none)."""
    version = form.fields["version"]
    version.required = True
    version.error_messages["required"] = _("This page is out of date. Reload it, then make your change again.")
    return form


# Evidence -----------------------------------------------------------------------------------------


def _file_help() -> str:
    return _("A PDF, an image or an office document, smaller than %(limit)s.") % {"limit": FILE_LIMIT}


class EvidenceForm(forms.Form):
    text = AnswerField(
        label=gettext_lazy("What tells you so?"),
        help_text=gettext_lazy("Write it down, attach a file, or both: what people do, say or could show a visitor."),
    )
    file = forms.FileField(
        label=gettext_lazy("Attach a file"),
        required=False,
        help_text=lazy(_file_help, str)(),
        error_messages={"empty": gettext_lazy("The selected file is empty"), "invalid": gettext_lazy("Select a file")},
    )
    version = _version_field()


# Factors and barriers -----------------------------------------------------------------------------


class BarrierKindField(forms.TypedChoiceField):
    """Needed for a barrier only: shown as a question to answer, checked by the service when it applies."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        if value not in self.empty_values:
            super().validate(value)


class FactorForm(forms.Form):
    effect = forms.ChoiceField(
        label=gettext_lazy("Does it help or hinder?"),
        choices=Factor.Effect.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether this helps or hinders"),
            "invalid_choice": gettext_lazy("Choose helps or hinders"),
        },
    )
    control = forms.ChoiceField(
        label=gettext_lazy("Is it within your control?"),
        choices=Factor.Control.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose whether this is within or outside your control")},
    )
    text = AnswerField(
        label=gettext_lazy("What helps or hinders?"),
        rows=3,
        required=True,
        error_messages={"required": gettext_lazy("Enter what helps or hinders")},
    )
    barrier_kind = BarrierKindField(
        label=gettext_lazy("What kind of barrier is it?"),
        coerce=int,
        error_messages={"invalid_choice": gettext_lazy("Choose the kind of barrier from the list")},
    )
    flag_managers = forms.BooleanField(label=gettext_lazy("Tell our managers"), required=False)
    funder = forms.CharField(
        label=gettext_lazy("Funder or commissioner to tell"),
        required=False,
        strip=False,
        help_text=gettext_lazy("For example “County Council housing commissioners”."),
    )
    shareable = forms.BooleanField(
        label=gettext_lazy("Others we share barriers with may read these words"), required=False
    )
    version = _version_field()

    def __init__(self, *args: Any, barrier_kinds: list[BarrierKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.barrier_kinds = {kind.pk: kind for kind in barrier_kinds}
        choices = [("", _("Choose the kind of barrier")), *((kind.pk, kind.name) for kind in barrier_kinds)]
        cast(forms.ChoiceField, self.fields["barrier_kind"]).choices = choices

    def clean_barrier_kind(self) -> BarrierKind | None:
        return self.barrier_kinds.get(self.cleaned_data.get("barrier_kind") or 0)

    @staticmethod
    def initial_for(factor: Factor) -> dict[str, Any]:
        names = ("effect", "control", "text", "flag_managers", "funder", "shareable", "version")
        return {**{name: getattr(factor, name) for name in names}, "barrier_kind": factor.barrier_kind_id}


# Actions ------------------------------------------------------------------------------------------


class ActionForm(forms.Form):
    what = AnswerField(
        label=gettext_lazy("What will you do?"),
        rows=3,
        required=True,
        error_messages={"required": gettext_lazy("Enter what you will do")},
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Choose a member"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Someone else (type their name below)"),
        help_text=gettext_lazy("Someone who belongs to this team or a level above it."),
        error_messages={"invalid_choice": gettext_lazy("Choose someone who is a member of this team")},
    )
    owner_name = forms.CharField(label=gettext_lazy("Or type their name"), required=False, strip=False)
    due_on = DateField(label=gettext_lazy("Due date"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=Action.Status.choices,
        initial=Action.Status.PLANNED,
        error_messages={
            "required": gettext_lazy("Choose the status of the action"),
            "invalid_choice": gettext_lazy("Choose a status from the list"),
        },
    )
    thread = forms.ModelChoiceField(
        label=gettext_lazy("Which part of the framework?"),
        queryset=Thread.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not linked to one part"),
        error_messages={"invalid_choice": gettext_lazy("Choose a part of this round")},
    )
    factor = forms.ModelChoiceField(
        label=gettext_lazy("Which factor does it tackle?"),
        queryset=Factor.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not linked to a factor"),
        error_messages={"invalid_choice": gettext_lazy("Choose a factor of this round")},
    )
    review_note = AnswerField(label=gettext_lazy("Is it done? What changed?"), rows=3)
    version = _version_field()

    def __init__(self, *args: Any, round_: Round, review: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        above = [int(part) for part in round_.unit.path.strip("/").split("/") if part]
        members = Membership.objects.filter(unit_id__in=above).values("user")
        owners = User.objects.filter(pk__in=members).order_by("full_name", "email")
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owners
        cast(forms.ModelChoiceField, self.fields["thread"]).queryset = round_.threads.order_by("position")
        factors = Factor.objects.filter(thread__round=round_).order_by("thread__position", "created_at")
        cast(forms.ModelChoiceField, self.fields["factor"]).queryset = factors
        if not review:
            del self.fields["review_note"]

    @staticmethod
    def initial_for(action: Action) -> dict[str, Any]:
        names = ("what", "owner_name", "due_on", "status", "review_note", "version")
        ids = {"owner": action.owner_id, "thread": action.thread_id, "factor": action.factor_id}
        return {**{name: getattr(action, name) for name in names}, **ids}


# The coffee-break check-in ------------------------------------------------------------------------


class CheckInForm(forms.Form):
    hows_things = AnswerField(label=gettext_lazy("How’s things?"))
    going_well = AnswerField(label=gettext_lazy("What’s going well?"))
    getting_in_the_way = AnswerField(label=gettext_lazy("What’s getting in the way?"))
    try_next = AnswerField(label=gettext_lazy("What shall we try next?"))
    talk_again_on = DateField(
        label=gettext_lazy("Let’s talk again when?"),
        required=False,
        window_label=cast(str, gettext_lazy("The date to talk again")),
    )
    version = _version_field()

    ANSWERS = ("hows_things", "going_well", "getting_in_the_way", "try_next", "talk_again_on")
