"""Wording stored in English with its translations beside it, shown in the page's language.

A framework's themes, elements, levels and barrier kinds — and a round's threads, which keep the
wording the round began with — are written in the framework's source language (English) and carry
``translations``: ``{"cy": {"name": "…", "level_descriptors": […]}}``. A model that mixes in
``LocalisedModel`` and names its ``TRANSLATED`` fields is read from the database already in the
active language: each translated field with a value in ``translations`` shows it, any other keeps
the English (the fallback). Pages and PDFs therefore read ``theme.name`` as they always did.

Writing is in the source language only. Code that copies or saves wording (importing a framework,
starting a round, exporting the file) runs inside ``source_language()``. As a safeguard, saving an
instance that was read in another language puts its English back first; changing a translated field
of such an instance and saving it is refused, as it would write that language over the English."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import translation


def language_key(language: str | None) -> str:
    """The key a translation is stored under: "cy" for cy, cy-gb or CY."""
    return (language or "").lower().split("-")[0]


def is_source_language(language: str | None) -> bool:
    return language_key(language) in ("", language_key(settings.LANGUAGE_CODE))


def source_language() -> translation.override:
    """``with source_language():`` reads and writes wording in English (the stored source)."""
    return translation.override(settings.LANGUAGE_CODE)


def other_languages() -> list[str]:
    """The translation keys of every language but the source, as ``settings.LANGUAGES`` lists them."""
    return [language_key(code) for code, _name in settings.LANGUAGES if not is_source_language(code)]


def translated_value(value: Any, translated: Any) -> Any:
    """The translation where it has one; a list keeps the English of any item left blank."""
    if isinstance(value, list) and isinstance(translated, list) and translated:
        return [own or english for own, english in zip(translated, value, strict=False)] + value[len(translated) :]
    return translated if translated else value


class LocalisedModel(models.Model):
    TRANSLATED: ClassVar[tuple[str, ...]] = ()

    translations = models.JSONField(
        default=dict, blank=True, help_text="The wording in other languages, by language: blank keeps the English."
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        source: dict[str, Any] | None = getattr(self, "_source_wording", None)
        if not source:
            return super().save(*args, **kwargs)
        shown = self._shown_wording
        changed = [name for name in source if self.__dict__.get(name) != shown[name]]
        if changed:
            raise ValueError(f"{type(self).__name__}: change {changed} in the source language (source_language())")
        localised = {name: self.__dict__[name] for name in source}
        self.__dict__.update(source)
        try:
            super().save(*args, **kwargs)
        finally:
            self.__dict__.update(localised)

    @classmethod
    def from_db(cls, db: str | None, field_names: Iterable[str], values: Iterable[Any]) -> Any:
        instance = super().from_db(db, field_names, values)  # type: ignore[arg-type]
        language = translation.get_language()
        if not is_source_language(language):
            instance.localise(language_key(language))
        return instance

    def localise(self, language: str) -> None:
        """Show this instance's wording in ``language`` (where it has a translation)."""
        given = (self.__dict__.get("translations") or {}).get(language) or {}
        shown = [name for name in self.TRANSLATED if name in self.__dict__ and given.get(name)]
        self._source_wording = {name: self.__dict__[name] for name in shown}
        for name in shown:
            setattr(self, name, translated_value(self.__dict__[name], given[name]))
        self._shown_wording = {name: self.__dict__[name] for name in shown}


def shown_in_language(value: Any, translations: dict[str, Any] | None, name: str) -> Any:
    """For rows read with ``values()`` (which skip ``from_db``): ``value`` of field ``name`` in the
    page's language, given the row's ``translations``."""
    language = translation.get_language()
    if is_source_language(language) or not translations:
        return value
    given = (translations.get(language_key(language)) or {}).get(name)
    return translated_value(value, given) if given else value
