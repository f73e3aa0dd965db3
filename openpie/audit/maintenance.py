"""The one way past the append-only triggers: deleting old events under a retention rule.

The triggers (migration 0003) reject every UPDATE, and every DELETE unless the current
transaction has switched maintenance on: on PostgreSQL a transaction-local setting
(``openpie.audit_maintenance``), on SQLite a function of the connection. Only
``openpie.privacy.retention`` (the ``apply_retention`` command) and the test database's
``flush`` use it. Nothing can ever update an event.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

SETTING = "openpie.audit_maintenance"
SQLITE_FUNCTION = "openpie_audit_maintenance"
_FLAG = "_openpie_audit_maintenance"


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Give each new SQLite connection the function its delete trigger asks."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(SQLITE_FUNCTION, 0, lambda: int(getattr(connection, _FLAG, False)))


@contextmanager
def audit_maintenance(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Inside this block (one transaction) old audit events may be deleted, never changed."""
    connection = connections[using]
    with transaction.atomic(using=using):
        _switch(connection, on=True)
        try:
            yield
        finally:
            setattr(connection, _FLAG, False)
        # On an error the block's savepoint is rolled back, which undoes the setting too.
        _switch(connection, on=False)


def _switch(connection: BaseDatabaseWrapper, *, on: bool) -> None:
    setattr(connection, _FLAG, on)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [SETTING, "on" if on else "off"])
