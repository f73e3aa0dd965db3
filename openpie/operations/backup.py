"""Backing up and restoring an installation: the database and every uploaded file.

A backup is a folder:

- ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3`` (SQLite's online backup);
- ``media.tar``: every file in the default storage (evidence, exports), read through Django's storage
  API, so the same works for a local folder or object storage;
- ``manifest.json``: when, which database engine, the row count of every table and the sha256 of
  every file, so that a restore can be checked against it.

On PostgreSQL the row counts and the dump are taken from one snapshot (``pg_export_snapshot``), so
they agree even while people keep working. ``backup_restore`` refuses to overwrite a database that
holds anyone's data unless told to (``force``), and checks the rows and files it restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA = "media.tar"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with what to do about it."""


@dataclass
class Restored:
    seconds: float
    rows: dict[str, int]
    files: int
    problems: list[str] = field(default_factory=list)


# What is in the database and the storage -------------------------------------------------------


def _tables() -> list[str]:
    """Every table Django manages here (one per concrete model, and many-to-many tables)."""
    names: set[str] = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            names.add(meta.db_table)
    existing = set(connection.introspection.table_names())
    return sorted(names & existing)


def row_counts(cursor: Any = None) -> dict[str, int]:
    """The number of rows in every table, in one statement (a consistent picture)."""
    tables = _tables()
    if not tables:
        return {}
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT %s, COUNT(*) FROM {quote(t)}" for t in tables)  # noqa: S608
    own = cursor is None
    cursor = cursor or connection.cursor()
    try:
        cursor.execute(sql, tables)
        return {name: int(count) for name, count in cursor.fetchall()}
    finally:
        if own:
            cursor.close()


def holds_data() -> bool:
    """Whether anyone's data is here: a person or an organisation (a freshly migrated database has neither)."""
    counts = row_counts()
    return bool(counts.get("accounts_user") or counts.get("organisations_organisation"))


def _walk(folder: str = "") -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _walk(f"{folder}/{name}" if folder else name)


def _sha256(handle: Any) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_hashes() -> dict[str, str]:
    """The sha256 of every file in the default storage, by name."""
    hashes = {}
    for name in _walk():
        with default_storage.open(name, "rb") as handle:
            hashes[name] = _sha256(handle)
    return hashes


# Backing up -------------------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    """pg_dump and pg_restore reach the same database as Django, with its credentials."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGUSER": db["USER"] or "", "PGPASSWORD": db["PASSWORD"] or ""}
    if db["HOST"]:
        env["PGHOST"] = db["HOST"]
    if db["PORT"]:
        env["PGPORT"] = str(db["PORT"])
    return env


def _run(command: list[str]) -> None:
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _backup_postgres(output: Path) -> dict[str, int]:
    """Row counts and the dump from one snapshot (when not already inside a transaction)."""
    if connection.in_atomic_block:
        counts = row_counts()
        _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(output / PG_DUMP)])
        return counts
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(cursor)
        dump = ["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        _run([*dump, "-f", str(output / PG_DUMP)])
    return counts


def _backup_sqlite(output: Path) -> dict[str, int]:
    """SQLite's online backup (safe while the site runs); the counts are read from the copy itself."""
    connection.ensure_connection()
    target = sqlite3.connect(output / SQLITE_COPY)
    try:
        connection.connection.backup(target)
        tables = _tables()
        return {t: target.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        target.close()


def _backup_media(output: Path) -> dict[str, str]:
    hashes: dict[str, str] = {}
    with tarfile.open(output / MEDIA, "w") as archive:
        for name in _walk():
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            hashes[name] = hashlib.sha256(data).hexdigest()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(time.time())
            archive.addfile(info, io.BytesIO(data))
    return hashes


def backup_create(*, output: Path) -> dict[str, Any]:
    """Write a backup into ``output`` (a new or empty folder). Returns the manifest."""
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty: choose a new folder for the backup.")
    output.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    vendor = connection.vendor
    if vendor == "postgresql":
        counts = _backup_postgres(output)
    elif vendor == "sqlite":
        counts = _backup_sqlite(output)
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    files = _backup_media(output)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": vendor,
        "rows": counts,
        "files": files,
        "seconds": round(time.monotonic() - started, 3),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


# Restoring --------------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} is not an OpenPIE backup (no readable {MANIFEST}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup's format ({manifest.get('format')}) is not one this version can restore.")
    return manifest


def _restore_postgres(source: Path) -> None:
    connection.close()
    restore = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
    _run([*restore, "-d", connection.settings_dict["NAME"], str(source / PG_DUMP)])
    # A restored database has no planner statistics until autovacuum gets to it; without them the
    # overview's joins can be planned as nested loops over every bead (minutes instead of a second).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _restore_sqlite(source: Path) -> None:
    """Copy the backup over the live database through the backup API (the whole file, at once)."""
    copy = sqlite3.connect(source / SQLITE_COPY)
    try:
        connection.ensure_connection()
        copy.backup(connection.connection)
    finally:
        copy.close()


def _restore_media(source: Path, expected: dict[str, str]) -> list[str]:
    problems = []
    with tarfile.open(source / MEDIA) as archive:
        for member in archive.getmembers():
            if not member.isfile() or member.name not in expected:
                problems.append(f"Unexpected entry in {MEDIA}: {member.name}")
                continue
            handle = archive.extractfile(member)
            data = handle.read() if handle else b""
            if hashlib.sha256(data).hexdigest() != expected[member.name]:
                problems.append(f"File damaged in the backup: {member.name}")
                continue
            if default_storage.exists(member.name):
                default_storage.delete(member.name)
            saved = default_storage.save(member.name, ContentFile(data))
            if saved != member.name:
                problems.append(f"File restored under another name: {member.name} → {saved}")
    return problems


def backup_restore(*, source: Path, force: bool = False) -> Restored:
    """Put a backup back: the database (replacing what is there) and the files; then check both."""
    manifest = read_manifest(source)
    vendor = connection.vendor
    if manifest["engine"] != vendor:
        raise BackupError(f"This is a {manifest['engine']} backup; this installation uses {vendor}.")
    if holds_data() and not force:
        raise BackupError("This database already holds data. Nothing was changed. Use --force to replace it.")
    started = time.monotonic()
    if vendor == "postgresql":
        _restore_postgres(source)
    else:
        _restore_sqlite(source)
    problems = _restore_media(source, manifest["files"])
    seconds = time.monotonic() - started
    rows = row_counts()
    problems += [
        f"{table}: {rows.get(table)} rows restored, {count} in the backup"
        for table, count in manifest["rows"].items()
        if rows.get(table) != count
    ]
    hashes = file_hashes()
    changed = [name for name, digest in manifest["files"].items() if hashes.get(name) != digest]
    problems += [f"Missing or different after the restore: {name}" for name in changed]
    return Restored(seconds=seconds, rows=rows, files=len(manifest["files"]), problems=problems)
