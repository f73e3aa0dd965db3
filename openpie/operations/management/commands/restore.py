from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openpie.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`: the database and the uploaded files, then check both."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="The backup folder.")
        parser.add_argument("--force", action="store_true", help="Replace a database that already holds data.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restored = backup_restore(source=options["source"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if restored.problems:
            lines = "\n".join(f"  - {problem}" for problem in restored.problems)
            raise CommandError(f"Restored in {restored.seconds:.2f} s, but it does not match the backup:\n{lines}")
        self.stdout.write(
            f"Restored {sum(restored.rows.values())} rows and {restored.files} files in {restored.seconds:.2f} s; "
            "every table's row count and every file's sha256 match the backup."
        )
