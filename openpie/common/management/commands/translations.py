"""Bring the translation catalogues up to date: collect every marked string (pages, Python, emails,
PDFs) into ``locale/<language>/LC_MESSAGES/django.po``, then compile the ``.mo`` files the server
reads. ``make messages`` runs it; ``docs/translation.md`` says how to translate and add a language.

Tests, the demo's data, management commands and migrations are not collected: they are not pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Folders whose text is never shown to the people who use OpenPIE.
NOT_COLLECTED = [
    ".venv",
    "node_modules",
    "staticfiles",
    "var",
    "docs",
    "bench",
    "frontend",
    "tests",
    "*/tests",
    "*/tests/*",
    "*/migrations/*",
    "*/management/*",
    "openpie/demo/*",
    "static/vendor/*",
]


def translated_languages() -> list[str]:
    """Every language but the one the source is written in."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class Command(BaseCommand):
    help = "Collect the marked strings into each language's catalogue and compile the catalogues."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-compile", action="store_true", help="Only collect; do not compile.")

    def handle(self, *args: Any, **options: Any) -> None:
        languages = translated_languages()
        call_command(
            "makemessages",
            locale=languages,
            extensions=["html", "txt", "py"],
            ignore_patterns=NOT_COLLECTED,
            add_location="file",
            no_obsolete=True,
            verbosity=0,
        )
        if not options["no_compile"]:
            call_command("compilemessages", locale=languages, ignore_patterns=NOT_COLLECTED, verbosity=0)
