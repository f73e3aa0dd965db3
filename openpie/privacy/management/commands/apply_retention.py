"""Apply every organisation's retention rules now, and say what was done.

Run it daily from cron (``0 3 * * * .venv/bin/python manage.py apply_retention``), or once with
``--daily`` to queue a task that a worker runs every day. Running it twice changes nothing the
second time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openpie.privacy.services.retention import retention_apply
from openpie.privacy.tasks import queue_next


class Command(BaseCommand):
    help = "Apply every organisation's retention rules (service users' words, names, the audit trail)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--daily", action="store_true", help="Also queue the daily task for the task workers (if not queued)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for done in retention_apply():
            self.stdout.write(str(done) if done.changed else f"{done.organisation}: nothing to do")
        if options["daily"]:
            queued = queue_next()
            self.stdout.write("The daily retention task is queued." if queued else "The daily task was already queued.")
