"""Apply every organisation's retention rules now, say what was done, and record the run.

Run it daily from cron or a systemd timer (docs/deployment.md has both). Each run is recorded (when,
and whether it succeeded) so the deep health check and the metrics can say when it is overdue.
Running it twice changes nothing the second time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from openpie.operations.services import RETENTION_JOB, job_run
from openpie.privacy.services.retention import retention_apply


class Command(BaseCommand):
    help = "Apply every organisation's retention rules (service users' words, names, the audit trail)."

    def handle(self, *args: Any, **options: Any) -> None:
        with job_run(name=RETENTION_JOB) as said:
            for done in retention_apply():
                line = str(done) if done.changed else f"{done.organisation}: nothing to do"
                said.append(line)
                self.stdout.write(line)
