"""Reads for frameworks: the file form of a framework, and a framework as an organisation sees it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import get_language

from openpie.common.localised import is_source_language, language_key, other_languages, source_language
from openpie.frameworks.models import (
    THREAD_TEXT_FIELDS,
    CustomWording,
    Element,
    Framework,
    LocalElement,
    RelationshipWordList,
    Theme,
    ThreadText,
    UnitElementExclusion,
)
from openpie.frameworks.schema import FORMAT, BarrierKindFile, ElementFile, FrameworkFile, ScaleFile, ThemeFile
from openpie.organisations.models import Organisation, Unit

_TEXT_FIELDS = (
    "name",
    "short_name",
    "description",
    "guiding_questions",
    "easy_read",
    "level_descriptors",
    "review_criteria",
)
# The follow-up is the framework's alone: an organisation's own easy-read question replaces both.
_FILE_FIELDS = (*_TEXT_FIELDS, "easy_read_follow_up")


def _split_framework_translations(framework: Framework) -> tuple[dict[str, Any], dict[str, Any]]:
    """The framework's own translations (name, description) and its scale's (level names), as the file has them."""
    own: dict[str, Any] = {}
    scale: dict[str, Any] = {}
    for language, text in (framework.translations or {}).items():
        own[language] = {k: v for k, v in text.items() if k in ("name", "description")}
        scale[language] = {k: v for k, v in text.items() if k in ("levels", "easy_read_levels")}
    return own, scale


def framework_file(framework: Framework) -> FrameworkFile:
    """The framework in its file form (English, with its translations), for export and for comparing
    with an incoming file."""
    with source_language():
        framework = Framework.objects.get(pk=framework.pk)
        return _framework_file(framework)


def _framework_file(framework: Framework) -> FrameworkFile:
    themes = framework.themes.prefetch_related("elements").order_by("position")
    own, scale = _split_framework_translations(framework)
    return FrameworkFile(
        format=FORMAT,  # type: ignore[arg-type]
        key=framework.key,
        name=framework.name,
        version=framework.version,
        description=framework.description,
        scale=ScaleFile(
            levels=list(framework.levels),
            easy_read_levels=list(framework.easy_read_levels),
            positions_per_level=framework.positions_per_level,
            paper_positions_per_level=framework.paper_positions_per_level,
            translations={k: v for k, v in scale.items() if v},
        ),
        barrier_kinds=[
            BarrierKindFile(key=b.key, name=b.name, description=b.description, translations=b.translations)
            for b in framework.barrier_kinds.order_by("position")
        ],
        themes=[
            ThemeFile(
                key=t.key,
                **{name: getattr(t, name) for name in _FILE_FIELDS},
                translations=t.translations,
                elements=[
                    ElementFile(
                        key=e.key, **{name: getattr(e, name) for name in _FILE_FIELDS}, translations=e.translations
                    )
                    for e in sorted(t.elements.all(), key=lambda e: e.position)
                ],
            )
            for t in themes
        ],
        relationship_words=list(framework.relationship_words),
        translations={k: v for k, v in own.items() if v},
    )


@dataclass
class ThreadView:
    """A theme or element as one organisation words it."""

    key: str
    name: str
    short_name: str
    description: str
    guiding_questions: list[str]
    easy_read: str
    level_descriptors: list[str]
    review_criteria: list[str]
    original_name: str
    easy_read_follow_up: str = ""
    is_local: bool = False
    is_customised: bool = False
    in_use: bool = True
    pk: int | None = None
    # In other languages, what differs from the source wording: {"cy": {"name": …}} (with_translations).
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class ThemeView(ThreadView):
    elements: list[ThreadView] = field(default_factory=list)


def _wording(item: ThreadText, wording: CustomWording | None) -> dict[str, Any]:
    """The item's text fields, with the organisation's wording where it has any."""
    values = {name: getattr(item, name) for name in _FILE_FIELDS}
    if wording is not None:
        values.update({name: getattr(wording, name) for name in _TEXT_FIELDS if getattr(wording, name)})
        if wording.level_descriptors:  # one blank level keeps the framework's description of it
            framework_text = list(item.level_descriptors) or [""] * len(wording.level_descriptors)
            values["level_descriptors"] = [
                own or theirs for own, theirs in zip(wording.level_descriptors, framework_text, strict=False)
            ]
        if wording.easy_read:
            values["easy_read_follow_up"] = ""
        if wording.name and not wording.short_name:
            values["short_name"] = wording.name  # the framework's short name is for the framework's name
    values["short_name"] = values["short_name"] or values["name"]
    return {**values, "key": item.key, "original_name": item.name, "is_customised": wording is not None, "pk": item.pk}


def wording_language() -> str:
    """The language of the organisation's wording to use now: "" (the source) or a translation key."""
    language = get_language()
    return "" if is_source_language(language) else language_key(language)


def wordings_now(**filters: Any) -> Iterable[CustomWording]:
    """Organisations' own wording in the page's language (one query)."""
    return CustomWording.objects.filter(language=wording_language(), **filters)


def framework_for(
    framework: Framework, organisation: Organisation, unit: Unit | None = None, *, with_translations: bool = False
) -> list[ThemeView]:
    """Themes and elements with the organisation's wording and local elements; ``in_use`` for a unit.
    In the page's language: the framework's translation and the organisation's wording in that language.
    ``with_translations``: in the source language, each view carrying its wording in every other
    language (what a round keeps when it begins).

    A fixed number of queries, whatever the size of the framework (four more for each other language).
    """
    if not with_translations:
        return _framework_for(framework, organisation, unit)
    with source_language():
        themes = _framework_for(framework, organisation, unit)
    for language in other_languages():
        with translation.override(language):
            _attach_translations(themes, _framework_for(framework, organisation, unit), language)
    return themes


def _differences(source: ThreadView, other: ThreadView) -> dict[str, Any]:
    return {name: getattr(other, name) for name in THREAD_TEXT_FIELDS if getattr(other, name) != getattr(source, name)}


def _attach_translations(themes: list[ThemeView], others: list[ThemeView], language: str) -> None:
    other_themes = {t.key: t for t in others}
    for theme in themes:
        other = other_themes.get(theme.key)
        if other is None:
            continue
        theme.translations[language] = _differences(theme, other)
        other_elements = {e.key: e for e in other.elements}
        for element in theme.elements:
            if (other_element := other_elements.get(element.key)) is not None:
                text = _differences(element, other_element)
                if other.name != theme.name:
                    text["theme_name"] = other.name
                element.translations[language] = text


def _framework_for(framework: Framework, organisation: Organisation, unit: Unit | None) -> list[ThemeView]:
    wordings = {w.key: w for w in wordings_now(organisation=organisation, framework=framework)}
    locals_by_theme: dict[int, list[LocalElement]] = {}
    for local in LocalElement.objects.filter(organisation=organisation, framework=framework):
        locals_by_theme.setdefault(local.theme_id, []).append(local)
    excluded: set[str] = set()
    if unit is not None:
        excluded = set(
            UnitElementExclusion.objects.filter(unit=unit, framework=framework).values_list("key", flat=True)
        )
    out: list[ThemeView] = []
    for theme in framework.themes.prefetch_related("elements").order_by("position"):
        shared = sorted(theme.elements.all(), key=lambda e: e.position)
        elements = [ThreadView(**_wording(e, wordings.get(e.key)), in_use=e.key not in excluded) for e in shared]
        elements += [
            ThreadView(**_wording(e, None), is_local=True, in_use=e.key not in excluded)
            for e in locals_by_theme.get(theme.pk, [])
        ]
        out.append(ThemeView(**_wording(theme, wordings.get(theme.key)), elements=elements))
    return out


def element_keys(themes: list[ThemeView]) -> set[str]:
    return {e.key for t in themes for e in t.elements}


def relationship_words_for(framework: Framework, organisation_id: int) -> tuple[list[str], bool]:
    """The relationship words an organisation uses with a framework (one query), and whether they are its own."""
    own = RelationshipWordList.objects.filter(organisation_id=organisation_id, framework=framework).first()
    return (list(own.words), True) if own is not None else (list(framework.relationship_words), False)


@dataclass(frozen=True)
class ThreadName:
    name: str
    short_name: str


@dataclass
class ThreadNames:
    """The names themes and elements have now, as each organisation words them (``thread_names``).

    Pages outside a round (the overview, history, the barriers register, the relationships view,
    choosing, filters) name threads with these; a round's own pages keep the wording the round
    began with (docs/adr/0005).
    """

    shared: dict[tuple[int, str], ThreadName] = field(default_factory=dict)  # (framework, key)
    own: dict[tuple[int, int, str], ThreadName] = field(default_factory=dict)  # (organisation, framework, key)

    def of(
        self, organisation_id: int, framework_id: int, key: str, *, name: str = "", short_name: str = ""
    ) -> ThreadName:
        """The name of ``key`` in the framework, in the organisation's wording; ``name`` and ``short_name``
        (what a round recorded) for a thread the framework does not know."""
        found = self.own.get((organisation_id, framework_id, key)) or self.shared.get((framework_id, key))
        return found or ThreadName(name=name, short_name=short_name or name)


def thread_names(*, organisation_ids: Iterable[int], framework_ids: Iterable[int]) -> ThreadNames:
    """Every theme and element name of the frameworks, with each organisation's wording (``_wording``,
    as ``framework_for`` uses) and local elements. Four queries, whatever the number of organisations,
    frameworks or threads."""
    organisations, frameworks = set(organisation_ids), set(framework_ids)
    names = ThreadNames()
    if not frameworks:
        return names
    items: dict[tuple[int, str], ThreadText] = {}
    for theme in Theme.objects.filter(framework_id__in=frameworks):
        items[(theme.framework_id, theme.key)] = theme
    for element in Element.objects.filter(framework_id__in=frameworks):
        items[(element.framework_id, element.key)] = element
    names.shared.update({place: _name(item, None) for place, item in items.items()})
    if not organisations:
        return names
    for wording in wordings_now(organisation_id__in=organisations, framework_id__in=frameworks):
        wording_of = items.get((wording.framework_id, wording.key))
        if wording_of is not None:
            names.own[(wording.organisation_id, wording.framework_id, wording.key)] = _name(wording_of, wording)
    for local in LocalElement.objects.filter(organisation_id__in=organisations, framework_id__in=frameworks):
        names.own[(local.organisation_id, local.framework_id, local.key)] = _name(local, None)
    return names


def _name(item: ThreadText, wording: CustomWording | None) -> ThreadName:
    text = _wording(item, wording)
    return ThreadName(name=text["name"], short_name=text["short_name"])
