from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openpie.frameworks.schema import FrameworkFileError
from openpie.frameworks.services import framework_import
from openpie.organisations.models import Organisation


class Command(BaseCommand):
    help = "Load a framework from a YAML or JSON file. Loading the same published file again changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--owner", help="Slug of the organisation that owns it (default: shared with everyone).")
        parser.add_argument("--draft", action="store_true", help="Load as a draft instead of publishing it.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        owner = None
        if options["owner"]:
            owner = Organisation.objects.filter(slug=options["owner"]).first()
            if owner is None:
                raise CommandError(f"No organisation with the slug {options['owner']!r}.")
        try:
            framework = framework_import(text=text, owner=owner, publish=not options["draft"])
        except FrameworkFileError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(f"{path} was not loaded; nothing changed:\n{lines}") from exc
        self.stdout.write(f"{framework} ({framework.get_status_display().lower()}) is loaded.")
