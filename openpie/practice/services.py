"""Writes for the practice library: an example from draft to published (or returned, or withdrawn).

draft → submitted → published, or → returned (with the moderator's note) → submitted again;
the author may withdraw an example at any time. Only a draft or a returned example can be edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.audit.services import audit_record
from openpie.frameworks.models import Element
from openpie.organisations.access import can
from openpie.organisations.models import Unit
from openpie.practice.models import PracticeExample

Status = PracticeExample.Status
LIMITS = {"title": 200, "story": 10_000, "what_changed": 5_000, "contact": 200, "note": 2_000}
_REQUIRED = {
    "title": gettext_lazy("Enter a title"),
    "story": gettext_lazy("Enter the story: what you did and how"),
    "what_changed": gettext_lazy("Enter what changed"),
}
_NAMES = {
    "title": gettext_lazy("The title"),
    "story": gettext_lazy("The story"),
    "what_changed": gettext_lazy("What changed"),
    "contact": gettext_lazy("The contact"),
}


def _clean_text(values: dict[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    for name, value in values.items():
        value = (value or "").strip()
        if "\x00" in value:
            errors[name] = _("%(what)s must not contain NUL characters") % {"what": _NAMES[name]}
        elif len(value) > LIMITS[name]:
            errors[name] = _("%(what)s must be %(limit)d characters or fewer") % {
                "what": _NAMES[name],
                "limit": LIMITS[name],
            }
        elif not value and name in _REQUIRED:
            errors[name] = str(_REQUIRED[name])
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check(*, by: Any, unit: Unit, elements: Sequence[Element], visibility: str) -> None:
    errors: dict[str, str] = {}
    if not can(by, "practice.share", unit):
        errors["unit"] = _("Choose a team or service where you can share practice")
    if not elements:
        errors["elements"] = _("Choose at least one element the example relates to")
    elif len({e.framework_id for e in elements}) > 1:
        errors["elements"] = _("Choose elements of one framework only")
    if visibility not in PracticeExample.Visibility.values:
        errors["visibility"] = _("Choose who can see the example once it is published")
    if errors:
        raise ValidationError(errors)


def _audit(example: PracticeExample, by: Any, action: str, **detail: Any) -> None:
    audit_record(actor=by, action=action, target=example, organisation=example.organisation, **detail)


@transaction.atomic
def example_create(
    *,
    by: Any,
    unit: Unit,
    elements: Sequence[Element],
    title: str,
    story: str,
    what_changed: str,
    contact: str = "",
    visibility: str = PracticeExample.Visibility.NETWORK,
    anonymous: bool = False,
) -> PracticeExample:
    """A new draft example: only its author sees it until it is submitted."""
    text = _clean_text({"title": title, "story": story, "what_changed": what_changed, "contact": contact})
    _check(by=by, unit=unit, elements=elements, visibility=visibility)
    example = PracticeExample.objects.create(
        **text,
        unit=unit,
        organisation_id=unit.organisation_id,
        framework_id=elements[0].framework_id,
        author=by,
        visibility=visibility,
        anonymous=anonymous,
    )
    example.elements.set(elements)
    _audit(example, by, "practice.create")
    return example


@transaction.atomic
def example_update(
    *,
    example: PracticeExample,
    by: Any,
    unit: Unit,
    elements: Sequence[Element],
    title: str,
    story: str,
    what_changed: str,
    contact: str = "",
    visibility: str = PracticeExample.Visibility.NETWORK,
    anonymous: bool = False,
) -> PracticeExample:
    """Change a draft or returned example (its author only)."""
    _require_author(example, by)
    if not example.is_editable:
        raise ValidationError(_("Only a draft or an example returned to you can be changed"))
    text = _clean_text({"title": title, "story": story, "what_changed": what_changed, "contact": contact})
    _check(by=by, unit=unit, elements=elements, visibility=visibility)
    if unit.organisation_id != example.organisation_id:
        raise ValidationError({"unit": _("Choose a team or service of the organisation the example belongs to")})
    for name, value in text.items():
        setattr(example, name, value)
    example.unit, example.framework_id = unit, elements[0].framework_id
    example.visibility, example.anonymous, example.updated_at = visibility, anonymous, timezone.now()
    example.save()
    example.elements.set(elements)
    _audit(example, by, "practice.update")
    return example


def _require_author(example: PracticeExample, by: Any) -> None:
    if example.author_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the author can do this"))


def _move(example: PracticeExample, *, sources: tuple[str, ...], to: str, message: str) -> None:
    if example.status not in sources:
        raise ValidationError(message)
    example.status = to


@transaction.atomic
def example_submit(*, example: PracticeExample, by: Any) -> PracticeExample:
    """Send a draft (or a returned example) to the organisation's moderators."""
    _require_author(example, by)
    _move(
        example, sources=PracticeExample.EDITABLE_STATES, to=Status.SUBMITTED, message=_("This example is not a draft")
    )
    example.submitted_at = timezone.now()
    example.save(update_fields=["status", "submitted_at"])
    _audit(example, by, "practice.submit")
    return example


@transaction.atomic
def example_publish(*, example: PracticeExample, by: Any) -> PracticeExample:
    """A moderator publishes a submitted example (the caller has checked ``practice.moderate``)."""
    _move(
        example,
        sources=(Status.SUBMITTED,),
        to=Status.PUBLISHED,
        message=_("Only a submitted example can be published"),
    )
    example.published_at, example.moderated_by, example.moderator_note = timezone.now(), by, ""
    example.save(update_fields=["status", "published_at", "moderated_by", "moderator_note"])
    _audit(example, by, "practice.publish")
    return example


@transaction.atomic
def example_return(*, example: PracticeExample, by: Any, note: str) -> PracticeExample:
    """A moderator returns a submitted example to its author with a note saying what to change."""
    note = (note or "").strip()
    if not note or "\x00" in note or len(note) > LIMITS["note"]:
        message = _("Tell the author what to change") if not note else _("Enter a shorter note without NUL characters")
        raise ValidationError({"note": message})
    _move(
        example, sources=(Status.SUBMITTED,), to=Status.RETURNED, message=_("Only a submitted example can be returned")
    )
    example.moderator_note, example.moderated_by = note, by
    example.save(update_fields=["status", "moderator_note", "moderated_by"])
    _audit(example, by, "practice.return")
    return example


@transaction.atomic
def example_withdraw(*, example: PracticeExample, by: Any) -> PracticeExample:
    """The author takes the example out of the library (or out of the queue): nobody else sees it again."""
    _require_author(example, by)
    _move(
        example,
        sources=tuple(s for s in Status if s != Status.WITHDRAWN),
        to=Status.WITHDRAWN,
        message=_("It is already withdrawn"),
    )
    example.save(update_fields=["status"])
    _audit(example, by, "practice.withdraw")
    return example
