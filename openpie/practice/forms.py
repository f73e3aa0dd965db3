"""Forms of the practice library: its filters (GET), an example, and a moderator's decision."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openpie.frameworks.models import Element, Framework
from openpie.organisations.access import can
from openpie.organisations.models import Unit
from openpie.practice.models import PracticeExample
from openpie.practice.selectors import ElementChoice, LibraryFilters, reader_wording
from openpie.practice.services import LIMITS

SERVICE_TYPES = [c for c in Unit.ServiceType.choices if c[0] != Unit.ServiceType.NOT_A_SERVICE]


def _limited(message: str | Promise, field: str) -> Any:
    """A "must be N characters or fewer" message, translated when it is shown."""
    return format_lazy(message, limit=LIMITS[field])


def _no_nul(value: str, what: str) -> str:
    if "\x00" in value:
        raise forms.ValidationError(gettext("%(what)s must not contain NUL characters") % {"what": what})
    return value


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    element = forms.ChoiceField(label=_("Theme or element"), required=False)
    service_type = forms.ChoiceField(
        label=_("Type of service"), required=False, choices=[("", _("Any type of service")), *SERVICE_TYPES]
    )

    def __init__(self, data: Any, *, elements: list[ElementChoice]) -> None:
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["element"]).choices = [
            ("", _("Any theme or element")),
            *((c.key, c.label) for c in elements),
        ]
        self.fields["element"].error_messages["invalid_choice"] = "Choose a theme or element from the list"
        self.fields["service_type"].error_messages["invalid_choice"] = "Choose a type of service from the list"

    def clean_q(self) -> str:
        return _no_nul(self.cleaned_data["q"], gettext("Your search")).strip()

    def filters(self) -> LibraryFilters:
        if not self.is_valid():
            return LibraryFilters()
        data = self.cleaned_data
        return LibraryFilters(text=data["q"], element=data["element"], service_type=data["service_type"])


def share_units(user: Any) -> list[Unit]:
    """Units where the person may share practice (their units and those below, with practice.share)."""
    units = Unit.objects.visible_to(user).select_related("organisation").order_by("organisation__name", "path")
    return [u for u in units if can(user, "practice.share", u)]


def share_elements(user: Any) -> list[Element]:
    frameworks = Framework.objects.visible_to(user).published()
    return list(
        Element.objects.filter(framework__in=frameworks)
        .select_related("theme", "framework")
        .order_by("framework__name", "framework__pk", "theme__position", "position")
    )


def element_choices(user: Any, rows: dict[str, Element]) -> list[tuple[str, str]]:
    """Each element as "theme: element", in the person's wording (the framework's name first when
    there are several frameworks)."""
    several = len({e.framework_id for e in rows.values()}) > 1
    organisation, wording = reader_wording(user, {e.framework_id for e in rows.values()})
    choices = []
    for pk, element in rows.items():
        theme = wording.of(organisation, element.framework_id, element.theme.key, name=element.theme.name).name
        label = f"{theme}: {wording.of(organisation, element.framework_id, element.key, name=element.name).name}"
        choices.append((pk, f"{element.framework.name}, {label}" if several else label))
    return choices


class ExampleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=LIMITS["title"],
        help_text=_("A few words that say what the practice is, like “Keyworker walks instead of office meetings”."),
        error_messages={
            "required": _("Enter a title"),
            "max_length": _limited(_("The title must be {limit} characters or fewer"), "title"),
        },
    )
    story = forms.CharField(
        label=_("The story"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=LIMITS["story"],
        help_text=_("What you did and how: enough for another team to try it."),
        error_messages={
            "required": _("Enter the story: what you did and how"),
            "max_length": _limited(_("The story must be {limit} characters or fewer"), "story"),
        },
    )
    what_changed = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=LIMITS["what_changed"],
        help_text=_("For the people using the service, and for staff."),
        error_messages={
            "required": _("Enter what changed"),
            "max_length": format_lazy(
                _("What changed must be {limit} characters or fewer"), limit=LIMITS["what_changed"]
            ),
        },
    )
    elements = forms.MultipleChoiceField(
        label=_("Which elements does it relate to?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one element the example relates to"),
            "invalid_choice": _("Choose elements from the list"),
        },
    )
    unit = forms.TypedChoiceField(
        label=_("Which team or service is it from?"),
        coerce=int,
        help_text=_("Readers see its type of service and client group."),
        error_messages={
            "required": _("Choose the team or service it comes from"),
            "invalid_choice": _("Choose a team or service from the list"),
        },
    )
    contact = forms.CharField(
        label=_("Who to contact about it (optional)"),
        required=False,
        max_length=LIMITS["contact"],
        help_text=_("A name, role or email address."),
        error_messages={"max_length": _limited(_("The contact must be {limit} characters or fewer"), "contact")},
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it once it is published?"),
        choices=PracticeExample.Visibility.choices,
        widget=forms.RadioSelect,
        initial=PracticeExample.Visibility.NETWORK,
        error_messages={
            "required": _("Choose who can see the example"),
            "invalid_choice": _("Choose who can see the example"),
        },
    )
    anonymous = forms.BooleanField(
        label=_("Do not show our organisation, team, my name or the contact to people outside our organisation"),
        required=False,
        help_text=_("If you tick this, do not name your organisation in the story either."),
    )

    def __init__(self, data: Any = None, *, user: Any, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        self.units = {u.pk: u for u in share_units(user)}
        self.element_rows = {str(e.pk): e for e in share_elements(user)}
        several = len({u.organisation_id for u in self.units.values()}) > 1
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            ("", _("Choose a team or service")),
            *((u.pk, f"{u.organisation.name}: {u.name}" if several else u.name) for u in self.units.values()),
        ]
        cast(forms.ChoiceField, self.fields["elements"]).choices = element_choices(user, self.element_rows)
        if len(self.units) == 1:
            self.fields["unit"].initial = next(iter(self.units))

    @staticmethod
    def initial_for(example: PracticeExample) -> dict[str, Any]:
        return {
            "title": example.title,
            "story": example.story,
            "what_changed": example.what_changed,
            "elements": [str(e.pk) for e in example.elements.all()],
            "unit": example.unit_id,
            "contact": example.contact,
            "visibility": example.visibility,
            "anonymous": example.anonymous,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("title", "story", "what_changed", "contact"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(
                    name, gettext("%(what)s must not contain NUL characters") % {"what": self.fields[name].label}
                )
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned data as the services take it."""
        data = dict(self.cleaned_data)
        data["unit"] = self.units[data["unit"]]
        data["elements"] = [self.element_rows[pk] for pk in data["elements"]]
        return data


class ModerationForm(forms.Form):
    PUBLISH, RETURN = "publish", "return"
    decision = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[(PUBLISH, _("Publish it")), (RETURN, _("Return it to the author with a note"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether to publish it or return it"),
            "invalid_choice": _("Choose whether to publish it or return it"),
        },
    )
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LIMITS["note"],
        help_text=_("Needed when you return it: say what to change (for example, a name that gives the service away)."),
        error_messages={"max_length": _limited(_("The note must be {limit} characters or fewer"), "note")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "\x00" in (data.get("note") or ""):
            self.add_error("note", _("The note must not contain NUL characters"))
        elif data.get("decision") == self.RETURN and not (data.get("note") or "").strip():
            self.add_error("note", _("Tell the author what to change"))
        return data
