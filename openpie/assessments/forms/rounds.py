"""Forms for starting rounds, changing their state, the next round, and placing beads; and the scale's wording.

Field names match the services' keyword arguments, so a service's ``ValidationError`` lands on
the right field (``openpie.common.forms.apply_validation_error``).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.assessments.models import Round
from openpie.assessments.scale import Scale
from openpie.common.dates import InDateWindow
from openpie.frameworks.models import Framework
from openpie.frameworks.selectors import ThemeView

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"]
DEFAULT_FRAMEWORK_KEY = "pies-2"

# Starting a round --------------------------------------------------------------------------------

STARTABLE_FORMS = [
    (Round.Form.SHORT.value, gettext_lazy("Short form: one bead for each theme")),
    (Round.Form.DRILL_DOWN.value, gettext_lazy("Drill-down: open chosen themes into their elements")),
    (Round.Form.SINGLE.value, gettext_lazy("Single bead: look at one thread only")),
]


def default_framework(frameworks: QuerySet[Framework]) -> Framework | None:
    """The newest published PIEs 2.0 if the organisation can use it, otherwise the newest it can use."""
    newest = frameworks.order_by("-published_at", "-created_at")
    return newest.filter(key=DEFAULT_FRAMEWORK_KEY).first() or newest.first()


def thread_choices(themes: list[ThemeView]) -> list[tuple[str, Any]]:
    """For a single-bead round: each theme (as a whole) and its elements, grouped by theme."""
    groups: list[tuple[str, Any]] = [("", _("Choose a thread"))]
    for theme in themes:
        options = [(theme.key, _("%(theme)s (the whole theme)") % {"theme": theme.name})]
        options += [
            (e.key, _("%(element)s (local)") % {"element": e.name} if e.is_local else e.name)
            for e in theme.elements
            if e.in_use
        ]
        groups.append((theme.name, options))
    return groups


class RoundStartForm(forms.Form):
    form = forms.ChoiceField(
        label=gettext_lazy("How much of the framework will you look at?"),
        choices=STARTABLE_FORMS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how much of the framework to look at")},
    )
    theme_keys = forms.MultipleChoiceField(
        label=gettext_lazy("Drill-down: themes to open up"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Choose themes from the list")},
    )
    thread_key = forms.ChoiceField(
        label=gettext_lazy("Single bead: the thread to look at"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a thread from the list")},
    )
    framework = forms.ModelChoiceField(
        label=gettext_lazy("Framework"),
        queryset=Framework.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose a framework"),
            "invalid_choice": gettext_lazy("Choose a published framework your organisation can use"),
        },
    )
    held_on = forms.DateField(
        label=gettext_lazy("Date of the round"),
        input_formats=DATE_FORMATS,
        validators=[InDateWindow(gettext_lazy("The date of the round"))],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The day the team meets to talk it through. For example, 23/11/2026."),
        error_messages={
            "required": gettext_lazy("Enter the date of the round"),
            "invalid": gettext_lazy("Enter a real date, like 23/11/2026"),
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave this empty and OpenPIE will name the round after the team and the month."),
        error_messages={"max_length": gettext_lazy("Title must be 200 characters or fewer")},
    )

    def __init__(self, *args: Any, frameworks: QuerySet[Framework], themes: list[ThemeView], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["framework"]).queryset = frameworks
        theme_field = cast(forms.MultipleChoiceField, self.fields["theme_keys"])
        theme_field.choices = [(t.key, t.name) for t in themes]
        cast(forms.ChoiceField, self.fields["thread_key"]).choices = thread_choices(themes)
        self.fields["held_on"].initial = timezone.localdate

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "framework": data["framework"],
            "form": data["form"],
            "held_on": data["held_on"],
            "title": data["title"],
            "theme_keys": data["theme_keys"] if data["form"] == Round.Form.DRILL_DOWN else [],
            "thread_key": data["thread_key"] if data["form"] == Round.Form.SINGLE else "",
        }


class RoundNextForm(forms.Form):
    held_on = RoundStartForm.base_fields["held_on"]
    title = RoundStartForm.base_fields["title"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate


# Beads -------------------------------------------------------------------------------------------


class PlacementForm(forms.Form):
    """One thread's bead and target. Empty means "no bead yet" (or no target)."""

    position = forms.TypedChoiceField(
        label=gettext_lazy("Position"), coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )
    target = forms.TypedChoiceField(
        label=gettext_lazy("Target"), coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    placement_pk: int | None = None  # which bead the form is for, when the page shows it with errors

    def __init__(self, *args: Any, scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scale = scale
        off_scale = _("Choose a position on the scale, from 1 to %(top)s") % {"top": scale.count}
        for name, empty in (("position", _("No bead yet")), ("target", _("No target"))):
            field = cast(forms.TypedChoiceField, self.fields[name])
            field.choices = [("", empty)] + [(p, scale.label(p)) for p in range(1, scale.count + 1)]
            field.error_messages["invalid_choice"] = off_scale

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, _("This page is out of date. Reload it and try again."))
        return cleaned
