"""Django's ``flush``, allowed past the audit trail's delete trigger.

``flush`` empties every table (the test runner uses it between transactional tests); on
SQLite it is a DELETE per table, which the trigger would otherwise reject.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS

from openpie.audit.maintenance import audit_maintenance


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        with audit_maintenance(options.get("database") or DEFAULT_DB_ALIAS):
            super().handle(**options)
