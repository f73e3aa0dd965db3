"""Template tags that render Django form fields with GOV.UK Frontend markup.

``{% field form.name %}`` picks the right pattern for the widget (text input,
textarea, select, radios, checkboxes, file upload); ``{% error_summary form %}``
renders the error summary that links to each field at fault.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()

# The first match wins, so a subclass comes before its base: Django's CheckboxSelectMultiple is a
# RadioSelect (it shares the option markup), and a field that takes several values must get checkboxes.
_TEMPLATES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Select, "select"),
    (forms.Textarea, "textarea"),
    (forms.ClearableFileInput, "file"),
    (forms.FileInput, "file"),
]

_INPUT_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "input": "govuk-input",
}


def _kind(widget: forms.Widget) -> str:
    for widget_class, name in _TEMPLATES:
        if isinstance(widget, widget_class):
            return name
    return "input"


@register.simple_tag
def field(bound: forms.BoundField, width: str = "", label_size: str = "s", hint: str = "") -> str:
    """Render one form field. ``width``: e.g. "20" or "one-half"; ``label_size``: s, m, l or xl."""
    kind = _kind(bound.field.widget)
    classes = [_INPUT_CLASSES.get(kind, "")]
    if width:
        classes.append(f"govuk-input--width-{width}" if width.isdigit() else f"govuk-!-width-{width}")
    if bound.errors:
        classes.append(f"{_INPUT_CLASSES.get(kind, 'govuk-input')}--error")
    attrs: dict[str, Any] = {"class": " ".join(c for c in classes if c)}
    # Radios and checkboxes have no id of their own (Django labels none of their options as the
    # field), so their hint and error take the field's auto id.
    field_id = bound.id_for_label or bound.auto_id
    described_by = [f"{field_id}-hint"] if (hint or bound.help_text) else []
    if bound.errors:
        described_by.append(f"{field_id}-error")
    if described_by and kind not in {"radios", "checkboxes"}:
        attrs["aria-describedby"] = " ".join(described_by)
    context = {
        "field": bound,
        "widget_html": bound.as_widget(attrs=attrs) if kind not in {"radios", "checkboxes"} else "",
        "hint": hint or bound.help_text,
        "label_size": label_size,
        "described_by": " ".join(described_by),
    }
    return render_to_string(f"includes/fields/{kind}.html", context)


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_: forms.BaseForm) -> dict[str, Any]:
    """The GOV.UK error summary for one or more forms: each error links to its field."""
    items: list[dict[str, Any]] = []
    for form in forms_:
        if not form.is_bound or not form.errors:
            continue
        for message in form.non_field_errors():
            items.append({"href": "", "message": message})
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            href = f"#{bound.id_for_label or bound.auto_id}"
            if _kind(bound.field.widget) in {"radios", "checkboxes"}:
                href = f"#{bound.auto_id}_0"
            items.extend({"href": href, "message": message} for message in errors)
    return {"items": items}
