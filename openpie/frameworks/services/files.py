"""Writes for framework files: import (with translations and the fields a published framework may
gain later) and publish."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.audit.services import audit_record
from openpie.common.localised import source_language
from openpie.frameworks.models import (
    BarrierKind,
    Element,
    Framework,
    Theme,
)
from openpie.frameworks.schema import (
    ElementFile,
    FileProblem,
    FrameworkFile,
    FrameworkFileError,
    parse_framework_file,
)
from openpie.frameworks.selectors import framework_file
from openpie.organisations.models import Organisation


def _thread_fields(item: ElementFile) -> dict[str, object]:
    names = [
        "key",
        "name",
        "short_name",
        "description",
        "guiding_questions",
        "easy_read",
        "easy_read_follow_up",
        "level_descriptors",
        "review_criteria",
    ]
    return {name: getattr(item, name) for name in names} | {"translations": _stored(item.translations)}


def _stored(translations: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A file's translations as a model keeps them: only the fields each language gives."""
    given = {language: {k: v for k, v in text.model_dump().items() if v} for language, text in translations.items()}
    return {language: text for language, text in given.items() if text}


def _framework_translations(data: FrameworkFile) -> dict[str, dict[str, Any]]:
    """The framework's name and description with the scale's level names, per language."""
    merged: dict[str, dict[str, Any]] = {}
    for part in (_stored(data.translations), _stored(data.scale.translations)):
        for language, text in part.items():
            merged.setdefault(language, {}).update(text)
    return merged


def _fill(framework: Framework, data: FrameworkFile) -> None:
    framework.themes.all().delete()
    framework.barrier_kinds.all().delete()
    BarrierKind.objects.bulk_create(
        BarrierKind(
            framework=framework,
            position=i,
            key=b.key,
            name=b.name,
            description=b.description,
            translations=_stored(b.translations),
        )
        for i, b in enumerate(data.barrier_kinds)
    )
    themes = Theme.objects.bulk_create(
        Theme(framework=framework, position=i, **_thread_fields(t)) for i, t in enumerate(data.themes)
    )
    Element.objects.bulk_create(
        Element(framework=framework, theme=theme, position=j, **_thread_fields(e))
        for theme, t in zip(themes, data.themes, strict=True)
        for j, e in enumerate(t.elements)
    )


def _conflict(existing: Framework, data: FrameworkFile, owner: Organisation | None) -> FileProblem | None:
    label = f"{data.key} version {data.version}"
    if existing.owner_id != (owner.pk if owner else None):
        return FileProblem(f"{label} already exists here. Give your framework another key.", field="key")
    if existing.is_published and framework_file(existing) != _as_published(existing, data):
        return FileProblem(f"{label} is published and cannot change. Give the file a new version.", field="version")
    return None


def _has_guidance(framework: Framework) -> bool:
    threads = [*framework.themes.all(), *framework.elements.all()]
    return any(t.level_descriptors or t.review_criteria for t in threads)


def _without_guidance(data: FrameworkFile) -> FrameworkFile:
    plain: dict[str, list[str]] = {"level_descriptors": [], "review_criteria": []}
    themes = [
        t.model_copy(update={**plain, "elements": [e.model_copy(update=plain) for e in t.elements]})
        for t in data.themes
    ]
    return data.model_copy(update={"themes": themes})


def _as_published(existing: Framework, data: FrameworkFile) -> FrameworkFile:
    """The file as it compares with a published framework: easy-read level names, the relationship
    word list, and level descriptors with review criteria may be added later (to a framework
    published without them)."""
    if not existing.easy_read_levels:
        data = data.model_copy(update={"scale": data.scale.model_copy(update={"easy_read_levels": []})})
    if not existing.relationship_words:
        data = data.model_copy(update={"relationship_words": []})
    if not _has_guidance(existing):
        data = _without_guidance(data)
    source = framework_file(existing)
    return _with_translations_of(source, _with_easy_read_of(source, data))


_EASY_READ = ("easy_read", "easy_read_follow_up")


def _with_easy_read_of(source: FrameworkFile, data: FrameworkFile) -> FrameworkFile:
    """``data`` with the easy-read questions of ``source``: easy-read wording may be revised on a published
    framework (rounds keep the words they began with), so it is left out of the comparison."""
    easy = {t.key: t for t in source.themes} | {e.key: e for t in source.themes for e in t.elements}

    def same(item: ElementFile) -> dict[str, str]:
        found = easy.get(item.key)
        return {name: getattr(found, name) for name in _EASY_READ} if found else {}

    themes = [
        t.model_copy(update={**same(t), "elements": [e.model_copy(update=same(e)) for e in t.elements]})
        for t in data.themes
    ]
    return data.model_copy(update={"themes": themes})


def _with_translations_of(source: FrameworkFile, data: FrameworkFile) -> FrameworkFile:
    """``data`` with the translations of ``source``: translations may be added or revised on a published
    framework (a round keeps the wording it began with, in every language), so they are left out of
    the comparison."""
    threads = {t.key: t for t in source.themes} | {e.key: e for t in source.themes for e in t.elements}
    kinds = {b.key: b for b in source.barrier_kinds}

    def same(item: ElementFile) -> dict[str, Any]:
        found = threads.get(item.key)
        return {"translations": found.translations if found else {}}

    themes = [
        t.model_copy(update={**same(t), "elements": [e.model_copy(update=same(e)) for e in t.elements]})
        for t in data.themes
    ]
    barrier_kinds = [
        b.model_copy(update={"translations": kinds[b.key].translations if b.key in kinds else {}})
        for b in data.barrier_kinds
    ]
    scale = data.scale.model_copy(update={"translations": source.scale.translations})
    return data.model_copy(
        update={"themes": themes, "barrier_kinds": barrier_kinds, "scale": scale, "translations": source.translations}
    )


def _revise_translations(existing: Framework, data: FrameworkFile) -> None:
    """A published framework takes a file's new or revised translations (docs/translation.md)."""
    wanted: dict[tuple[type[Any], str], dict[str, Any]] = {
        (BarrierKind, b.key): _stored(b.translations) for b in data.barrier_kinds
    }
    for theme in data.themes:
        wanted[(Theme, theme.key)] = _stored(theme.translations)
        wanted.update({(Element, e.key): _stored(e.translations) for e in theme.elements})
    for model in (BarrierKind, Theme, Element):
        for item in model.objects.filter(framework=existing):
            given = wanted.get((model, item.key))
            if given is not None and given != item.translations:
                item.translations = given
                item.save(update_fields=["translations"])
    if existing.translations != (given_framework := _framework_translations(data)):
        existing.translations = given_framework
        existing.save(update_fields=["translations"])


def _revise_easy_read(existing: Framework, data: FrameworkFile) -> None:
    """A published framework takes a file's revised easy-read questions (docs/adr/0016)."""
    wanted = {t.key: t for t in data.themes} | {e.key: e for t in data.themes for e in t.elements}
    for model in (Theme, Element):
        for item in model.objects.filter(framework=existing):
            given = wanted.get(item.key)
            if given is None:
                continue
            if any(getattr(item, name) != getattr(given, name) for name in _EASY_READ):
                item.easy_read, item.easy_read_follow_up = given.easy_read, given.easy_read_follow_up
                item.save(update_fields=list(_EASY_READ))


def _add_guidance(existing: Framework, data: FrameworkFile) -> None:
    """Level descriptors and review criteria for a published framework that had none."""
    given = {t.key: t for theme in data.themes for t in [theme, *theme.elements]}
    for thread in [*existing.themes.all(), *existing.elements.all()]:
        found = given[thread.key]
        if found.level_descriptors or found.review_criteria:
            thread.level_descriptors, thread.review_criteria = found.level_descriptors, found.review_criteria
            thread.save(update_fields=["level_descriptors", "review_criteria"])


def _add_later_fields(existing: Framework, data: FrameworkFile) -> None:
    """Fill in what a published framework may gain later: easy-read level names, relationship words."""
    changed = []
    if not existing.easy_read_levels and data.scale.easy_read_levels:
        existing.easy_read_levels = list(data.scale.easy_read_levels)
        changed.append("easy_read_levels")
    if not existing.relationship_words and data.relationship_words:
        existing.relationship_words = list(data.relationship_words)
        changed.append("relationship_words")
    if changed:
        existing.save(update_fields=changed)
    if not _has_guidance(existing):
        _add_guidance(existing, data)


def framework_import(*, text: str, owner: Organisation | None, publish: bool, by: Any = None) -> Framework:
    """Load a framework file. The same published file again changes nothing; a draft is replaced.

    Raises FrameworkFileError (and changes nothing) if the file is not valid.
    """
    with source_language():
        return _framework_import(text=text, owner=owner, publish=publish, by=by)


@transaction.atomic
def _framework_import(*, text: str, owner: Organisation | None, publish: bool, by: Any) -> Framework:
    data = parse_framework_file(text)
    existing = Framework.objects.select_for_update().filter(key=data.key, version=data.version).first()
    if existing is not None:
        problem = _conflict(existing, data, owner)
        if problem:
            raise FrameworkFileError([problem])
        if existing.is_published:
            _add_later_fields(existing, data)
            _revise_easy_read(existing, data)
            _revise_translations(existing, data)
            return existing
    framework = existing or Framework(key=data.key, version=data.version, owner=owner)
    framework.name, framework.description = data.name, data.description
    framework.levels = list(data.scale.levels)
    framework.positions_per_level = data.scale.positions_per_level
    framework.paper_positions_per_level = data.scale.paper_positions_per_level
    framework.easy_read_levels = list(data.scale.easy_read_levels)
    framework.relationship_words = list(data.relationship_words)
    framework.translations = _framework_translations(data)
    framework.save()
    _fill(framework, data)
    audit_record(actor=by, action="framework.import", target=framework, organisation=owner, version=data.version)
    if publish:
        framework_publish(framework=framework, by=by)
    return framework


@transaction.atomic
def framework_publish(*, framework: Framework, by: Any = None) -> Framework:
    if framework.is_published:
        raise ValidationError(_("This framework is already published."))
    framework.status = Framework.Status.PUBLISHED
    framework.published_at = timezone.now()
    framework.save(update_fields=["status", "published_at"])
    audit_record(actor=by, action="framework.publish", target=framework, organisation=framework.owner_id)
    return framework
