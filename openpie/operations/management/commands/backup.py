from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openpie.operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and every uploaded file into a new folder, with a manifest to check a restore by."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, required=True, help="A new (or empty) folder for the backup.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(output=options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['rows'])} tables and {len(manifest['files'])} files "
            f"({manifest['engine']}) to {options['output']} in {manifest['seconds']:.2f} s."
        )
