"""Every form of the project, rendered with ``{% field %}``: each field gets the GOV.UK pattern its
field calls for. A field that takes several values gets checkboxes (a radio group would let a person
keep only one), a choice of one gets radios or a select, a yes/no a single checkbox, and so on.

The forms are found, not listed: every subclass of ``django.forms.BaseForm`` defined under
``openpie/``. Each is built from ``form_arguments.FORM_ARGUMENTS``; a form missing there fails.
"""

from __future__ import annotations

import importlib
import pkgutil
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.forms.widgets import Input
from django.template import Context, Template

import openpie
from openpie.common.forms import DatePartsWidget
from openpie.common.tests.form_arguments import FORM_ARGUMENTS


def _project_forms() -> dict[str, type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(openpie.__path__, "openpie."):
        if ".tests" not in module.name and ".migrations" not in module.name:
            importlib.import_module(module.name)
    found: dict[str, type[forms.BaseForm]] = {}
    pending = list(forms.BaseForm.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("openpie.") and ".tests" not in cls.__module__:
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return dict(sorted(found.items()))


PROJECT_FORMS = _project_forms()


class _Tags(HTMLParser):
    """The tags of a fragment with their attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def of(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]

    def classes(self) -> set[str]:
        return {c for _, a in self.tags for c in a.get("class", "").split()}


def _render(bound: forms.BoundField) -> _Tags:
    html = Template("{% load govuk %}{% field bound %}").render(Context({"bound": bound}))
    tags = _Tags()
    tags.feed(html)
    return tags


def _option_count(field: forms.Field) -> int:
    return len(list(field.widget.options("x", [])))


def _check(name: str, bound: forms.BoundField) -> list[str]:
    """What is wrong with how one field renders (nothing: an empty list)."""
    field, widget, tags = bound.field, bound.field.widget, _render(bound)
    inputs = {kind: tags.of("input", type=kind, name=bound.html_name) for kind in ("radio", "checkbox")}
    multiple = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    if multiple:
        expected, wrong = (
            "checkboxes",
            not (
                "govuk-checkboxes" in tags.classes()
                and inputs["checkbox"]
                and not inputs["radio"]
                and not tags.of("select")
            ),
        )
        if not wrong and len(inputs["checkbox"]) != _option_count(field):
            wrong = True
    elif isinstance(widget, forms.RadioSelect):
        expected, wrong = (
            "radios",
            not ("govuk-radios" in tags.classes() and inputs["radio"] and not inputs["checkbox"]),
        )
        if not wrong and len(inputs["radio"]) != _option_count(field):
            wrong = True
    elif isinstance(widget, forms.CheckboxInput):
        expected, wrong = "a single checkbox", len(inputs["checkbox"]) != 1 or bool(inputs["radio"])
    elif isinstance(widget, forms.Select):
        select = tags.of("select", name=bound.html_name)
        expected = "a select"
        wrong = len(select) != 1 or "govuk-select" not in select[0].get("class", "") or bool(tags.of("input"))
    elif isinstance(widget, forms.Textarea):
        expected, wrong = "a textarea", len(tags.of("textarea", name=bound.html_name)) != 1
    elif isinstance(widget, forms.FileInput):
        found = tags.of("input", type="file", name=bound.html_name)
        expected, wrong = "a file upload", len(found) != 1 or "govuk-file-upload" not in found[0].get("class", "")
    elif isinstance(widget, DatePartsWidget):
        expected, wrong = "a GOV.UK date input", "govuk-date-input" not in tags.classes()
    elif isinstance(widget, Input):
        found = tags.of("input", type=widget.input_type, name=bound.html_name)
        expected, wrong = f"a {widget.input_type} input", len(found) != 1 or "govuk-input" not in tags.classes()
    else:
        return [f"{name}.{bound.name}: no rule for {type(widget).__name__}; add one to this test"]
    return [f"{name}.{bound.name} ({type(field).__name__}) should render as {expected}"] if wrong else []


def test_every_form_is_in_the_table() -> None:
    missing = sorted(set(PROJECT_FORMS) - set(FORM_ARGUMENTS))
    stale = sorted(set(FORM_ARGUMENTS) - set(PROJECT_FORMS))
    assert not missing, f"Add these forms to openpie/common/tests/form_arguments.py: {missing}"
    assert not stale, f"These entries name no form any more: {stale}"
    assert len(PROJECT_FORMS) > 40  # the discovery really found the project's forms


@pytest.mark.parametrize("name", list(PROJECT_FORMS))
def test_each_field_renders_as_its_field_calls_for(name: str, world: Any) -> None:
    arguments = FORM_ARGUMENTS.get(name)
    assert arguments is not None, f"{name} is not in openpie/common/tests/form_arguments.py"
    form = PROJECT_FORMS[name](**arguments(world))
    visible = [bound for bound in form if not bound.is_hidden]
    problems = [problem for bound in visible for problem in _check(name, bound)]
    assert not problems, "\n".join(problems)


def test_several_values_get_checkboxes_and_one_value_radios() -> None:
    class Both(forms.Form):
        several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
        one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    form = Both()
    several, one = _render(form["several"]), _render(form["one"])
    assert [i["value"] for i in several.of("input", type="checkbox", name="several")] == ["a", "b"]
    assert not several.of("input", type="radio")
    assert [i["value"] for i in one.of("input", type="radio", name="one")] == ["a", "b"]
    assert _check("Both", form["several"]) == []
    assert _check("Both", form["one"]) == []


def test_a_multiple_choice_field_shown_as_a_select_is_caught() -> None:
    class Listbox(forms.Form):
        several = forms.MultipleChoiceField(choices=[("a", "A")])

    assert _check("Listbox", Listbox()["several"]) == [
        "Listbox.several (MultipleChoiceField) should render as checkboxes"
    ]
