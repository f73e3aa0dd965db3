"""Forms of the practice library: its filters (GET), an example, and a moderator's decision."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from openpie.frameworks.models import Element, Framework
from openpie.organisations.access import can
from openpie.organisations.models import Unit
from openpie.practice.models import PracticeExample
from openpie.practice.selectors import ElementChoice, LibraryFilters, reader_wording
from openpie.practice.services import LIMITS

SERVICE_TYPES = [c for c in Unit.ServiceType.choices if c[0] != Unit.ServiceType.NOT_A_SERVICE]


def _no_nul(value: str, what: str) -> str:
    if "\x00" in value:
        raise forms.ValidationError(f"{what} must not contain NUL characters")
    return value


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    element = forms.ChoiceField(label="Theme or element", required=False)
    service_type = forms.ChoiceField(
        label="Type of service", required=False, choices=[("", "Any type of service"), *SERVICE_TYPES]
    )

    def __init__(self, data: Any, *, elements: list[ElementChoice]) -> None:
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["element"]).choices = [
            ("", "Any theme or element"),
            *((c.key, c.label) for c in elements),
        ]
        self.fields["element"].error_messages["invalid_choice"] = "Choose a theme or element from the list"
        self.fields["service_type"].error_messages["invalid_choice"] = "Choose a type of service from the list"

    def clean_q(self) -> str:
        return _no_nul(self.cleaned_data["q"], "Your search").strip()

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
        label="Title",
        max_length=LIMITS["title"],
        help_text="A few words that say what the practice is, like “Keyworker walks instead of office meetings”.",
        error_messages={
            "required": "Enter a title",
            "max_length": f"The title must be {LIMITS['title']} characters or fewer",
        },
    )
    story = forms.CharField(
        label="The story",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=LIMITS["story"],
        help_text="What you did and how: enough for another team to try it.",
        error_messages={
            "required": "Enter the story: what you did and how",
            "max_length": f"The story must be {LIMITS['story']} characters or fewer",
        },
    )
    what_changed = forms.CharField(
        label="What changed",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=LIMITS["what_changed"],
        help_text="For the people using the service, and for staff.",
        error_messages={
            "required": "Enter what changed",
            "max_length": f"What changed must be {LIMITS['what_changed']} characters or fewer",
        },
    )
    elements = forms.MultipleChoiceField(
        label="Which elements does it relate to?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one element the example relates to",
            "invalid_choice": "Choose elements from the list",
        },
    )
    unit = forms.TypedChoiceField(
        label="Which team or service is it from?",
        coerce=int,
        help_text="Readers see its type of service and client group.",
        error_messages={
            "required": "Choose the team or service it comes from",
            "invalid_choice": "Choose a team or service from the list",
        },
    )
    contact = forms.CharField(
        label="Who to contact about it (optional)",
        required=False,
        max_length=LIMITS["contact"],
        help_text="A name, role or email address.",
        error_messages={"max_length": f"The contact must be {LIMITS['contact']} characters or fewer"},
    )
    visibility = forms.ChoiceField(
        label="Who can see it once it is published?",
        choices=PracticeExample.Visibility.choices,
        widget=forms.RadioSelect,
        initial=PracticeExample.Visibility.NETWORK,
        error_messages={
            "required": "Choose who can see the example",
            "invalid_choice": "Choose who can see the example",
        },
    )
    anonymous = forms.BooleanField(
        label="Do not show our organisation, team, my name or the contact to people outside our organisation",
        required=False,
        help_text="If you tick this, do not name your organisation in the story either.",
    )

    def __init__(self, data: Any = None, *, user: Any, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        self.units = {u.pk: u for u in share_units(user)}
        self.element_rows = {str(e.pk): e for e in share_elements(user)}
        several = len({u.organisation_id for u in self.units.values()}) > 1
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            ("", "Choose a team or service"),
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
                self.add_error(name, f"{self.fields[name].label} must not contain NUL characters")
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
        label="What do you want to do?",
        choices=[(PUBLISH, "Publish it"), (RETURN, "Return it to the author with a note")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to publish it or return it",
            "invalid_choice": "Choose whether to publish it or return it",
        },
    )
    note = forms.CharField(
        label="Note to the author",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LIMITS["note"],
        help_text="Needed when you return it: say what to change (for example, a name that gives the service away).",
        error_messages={"max_length": f"The note must be {LIMITS['note']} characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "\x00" in (data.get("note") or ""):
            self.add_error("note", "The note must not contain NUL characters")
        elif data.get("decision") == self.RETURN and not (data.get("note") or "").strip():
            self.add_error("note", "Tell the author what to change")
        return data
