"""A queued export made by the real worker: ``manage.py db_worker --batch`` in its own process.

The worker must reach the test database, so this runs on PostgreSQL (``make test-postgres``); the
SQLite test database is in memory, out of another process's reach, so it is skipped there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from openpie.exports.models import ExportJob
from openpie.exports.services import export_request

ROOT = Path(settings.BASE_DIR)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_a_queued_export(world, people, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("The worker process cannot reach an in-memory SQLite test database: runs on PostgreSQL")
    job = export_request(by=people.admin, kind=ExportJob.Kind.REGISTER, fmt="csv", target=None)
    assert job.state == ExportJob.State.QUEUED
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "OPENPIE_MEDIA_ROOT": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    job.refresh_from_db()
    assert job.state == ExportJob.State.DONE, job.message
    assert job.rows == 1
    written = tmp_path / job.file.name
    assert written.read_text(encoding="utf-8-sig").splitlines()[1].endswith(",0")  # one barrier, no responses
