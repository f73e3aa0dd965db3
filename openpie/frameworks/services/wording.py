"""Writes for each organisation's customisation of a framework: its own wording (per language), level
descriptions and review criteria, local elements, the elements a unit uses, relationship words."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from openpie.audit.services import audit_record
from openpie.frameworks.models import (
    CustomWording,
    Element,
    Framework,
    LocalElement,
    RelationshipWordList,
    Theme,
    UnitElementExclusion,
)
from openpie.frameworks.schema import (
    MAX_CRITERIA,
    RELATIONSHIP_WORD_MESSAGE,
    RELATIONSHIP_WORD_PATTERN,
)
from openpie.frameworks.selectors import wording_language
from openpie.organisations.models import Organisation, Unit


def _base_thread(framework: Framework, key: str) -> Theme | Element:
    thread: Theme | Element | None = Theme.objects.filter(framework=framework, key=key).first()
    thread = thread or Element.objects.filter(framework=framework, key=key).first()
    if thread is None:
        raise ValidationError(
            _("%(framework)s has no theme or element “%(key)s”.") % {"framework": framework, "key": key}
        )
    return thread


@transaction.atomic
def wording_set(
    *,
    organisation: Organisation,
    framework: Framework,
    key: str,
    name: str,
    short_name: str,
    description: str,
    guiding_questions: list[str],
    easy_read: str,
    by: Any = None,
) -> CustomWording | None:
    """Set an organisation's wording for a shared theme or element.

    Only what differs from the framework is kept; nothing different restores the framework's wording.
    """
    base = _base_thread(framework, key)
    audit_record(actor=by, action="framework.wording", target=framework, organisation=organisation, key=key)
    given = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "guiding_questions": guiding_questions,
        "easy_read": easy_read,
    }
    base_short = base.short_name or base.name
    fields = {
        field: value if value != (base_short if field == "short_name" else getattr(base, field)) else type(value)()
        for field, value in given.items()
    }
    return _wording_save(organisation=organisation, framework=framework, key=key, fields=fields)


_WORDING_FIELDS = (
    "name",
    "short_name",
    "description",
    "guiding_questions",
    "easy_read",
    "level_descriptors",
    "review_criteria",
)


def _wording_save(
    *, organisation: Organisation, framework: Framework, key: str, fields: dict[str, Any]
) -> CustomWording | None:
    """Keep ``fields`` in the organisation's wording of ``key`` in the page's language (English, or the
    Welsh beside it); a wording left with nothing of its own goes."""
    wording, _ = CustomWording.objects.update_or_create(
        organisation=organisation,
        framework=framework,
        key=key,
        language=wording_language(),
        defaults={**fields, "updated_at": timezone.now()},
    )
    if not any(getattr(wording, name) for name in _WORDING_FIELDS):
        wording.delete()
        return None
    return wording


def _clean_lines(values: list[str], *, field: str, label: str, limit: int) -> list[str]:
    cleaned = [" ".join(v.split()) for v in values]
    for value in cleaned:
        if "\x00" in value:
            raise ValidationError({field: f"{label} contains a character that cannot be saved (NUL). Remove it."})
        if len(value) > limit:
            raise ValidationError({field: f"Keep each {label.lower()} to {limit:,} characters or fewer"})
    return cleaned


@transaction.atomic
def guidance_set(
    *,
    organisation: Organisation,
    framework: Framework,
    key: str,
    level_descriptors: list[str],
    review_criteria: list[str],
    by: Any = None,
) -> CustomWording | None:
    """Set an organisation's own level descriptions and review criteria for a shared theme or element.

    ``level_descriptors`` has one entry per level; a blank one keeps the framework's description of that
    level. Review criteria replace the framework's as a list; the framework's own list (or none) keeps them.
    """
    base = _base_thread(framework, key)
    if len(level_descriptors) != len(framework.levels):
        raise ValidationError(
            _("Give one description for each of the %(count)s levels.") % {"count": len(framework.levels)}
        )
    descriptors = _clean_lines(level_descriptors, field="level_descriptors", label=_("Level description"), limit=1000)
    criteria = [c for c in _clean_lines(review_criteria, field="review_criteria", label=_("Criterion"), limit=300) if c]
    if len(criteria) > MAX_CRITERIA:
        raise ValidationError({"review_criteria": f"Give {MAX_CRITERIA} review criteria or fewer"})
    framework_descriptors = list(base.level_descriptors) or [""] * len(framework.levels)
    own = [d if d and d != f else "" for d, f in zip(descriptors, framework_descriptors, strict=True)]
    fields = {
        "level_descriptors": own if any(own) else [],
        "review_criteria": criteria if criteria != list(base.review_criteria) else [],
    }
    audit_record(actor=by, action="framework.guidance", target=framework, organisation=organisation, key=key)
    return _wording_save(organisation=organisation, framework=framework, key=key, fields=fields)


def _local_key(organisation: Organisation, framework: Framework, name: str) -> str:
    base = f"local-{slugify(name)[:45]}".rstrip("-") or "local-element"
    key, n = base, 1
    while LocalElement.objects.filter(organisation=organisation, framework=framework, key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def local_element_add(
    *,
    organisation: Organisation,
    theme: Theme,
    name: str,
    short_name: str = "",
    description: str = "",
    guiding_questions: list[str] | None = None,
    easy_read: str = "",
    by: Any = None,
) -> LocalElement:
    framework = theme.framework
    last = LocalElement.objects.filter(organisation=organisation, theme=theme).order_by("-position").first()
    element = LocalElement.objects.create(
        organisation=organisation,
        framework=framework,
        theme=theme,
        key=_local_key(organisation, framework, name),
        position=(last.position + 1) if last else 100,
        name=name,
        short_name=short_name,
        description=description,
        guiding_questions=guiding_questions or [],
        easy_read=easy_read,
    )
    audit_record(actor=by, action="framework.local_add", target=element, organisation=organisation)
    return element


@transaction.atomic
def local_element_update(
    *,
    element: LocalElement,
    name: str,
    short_name: str,
    description: str,
    guiding_questions: list[str],
    easy_read: str,
    by: Any = None,
) -> LocalElement:
    element.name, element.short_name, element.description = name, short_name, description
    element.guiding_questions, element.easy_read = guiding_questions, easy_read
    element.save(update_fields=["name", "short_name", "description", "guiding_questions", "easy_read"])
    audit_record(actor=by, action="framework.local_change", target=element, organisation=element.organisation_id)
    return element


@transaction.atomic
def local_element_remove(*, element: LocalElement, by: Any = None) -> None:
    audit_record(actor=by, action="framework.local_remove", target=element, organisation=element.organisation_id)
    UnitElementExclusion.objects.filter(
        unit__organisation=element.organisation, framework=element.framework, key=element.key
    ).delete()
    element.delete()


@transaction.atomic
def unit_elements_choose(
    *, unit: Unit, framework: Framework, keys_in_use: set[str], all_keys: set[str], by: Any = None
) -> None:
    """Record which elements a unit uses: every key in ``all_keys`` not in ``keys_in_use`` is left out."""
    if not keys_in_use:
        raise ValidationError(_("Choose at least one element for this unit to use."))
    unknown = keys_in_use - all_keys
    if unknown:
        raise ValidationError(_("Unknown elements: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    UnitElementExclusion.objects.filter(unit=unit, framework=framework).delete()
    UnitElementExclusion.objects.bulk_create(
        UnitElementExclusion(unit=unit, framework=framework, key=key) for key in sorted(all_keys - keys_in_use)
    )
    audit_record(actor=by, action="framework.choose", target=unit, organisation=unit.organisation_id)


def _clean_words(words: list[str]) -> list[str]:
    cleaned: list[str] = []
    for given in words:
        word = " ".join(given.split())
        if not word:
            continue
        if "\x00" in word or not 2 <= len(word) <= 40 or not re.fullmatch(RELATIONSHIP_WORD_PATTERN, word):
            raise ValidationError({"words": f"“{word[:40]}”: {RELATIONSHIP_WORD_MESSAGE} (2 to 40 characters)"})
        if word.lower() not in {w.lower() for w in cleaned}:
            cleaned.append(word)
    if not cleaned:
        raise ValidationError({"words": "Enter at least one word, or go back to the framework's words"})
    if len(cleaned) > 100:
        raise ValidationError({"words": "Enter 100 words or fewer"})
    return cleaned


@transaction.atomic
def relationship_words_set(
    *, organisation: Organisation, framework: Framework, words: list[str] | None, by: Any = None
) -> RelationshipWordList | None:
    """An organisation's own relationship word list for a framework. ``None``, or the framework's own
    list, goes back to the framework's words."""
    cleaned = _clean_words(words) if words is not None else list(framework.relationship_words)
    audit_record(actor=by, action="framework.relationship_words", target=framework, organisation=organisation)
    if cleaned == list(framework.relationship_words):
        RelationshipWordList.objects.filter(organisation=organisation, framework=framework).delete()
        return None
    found, _created = RelationshipWordList.objects.update_or_create(
        organisation=organisation, framework=framework, defaults={"words": cleaned, "updated_at": timezone.now()}
    )
    return found
