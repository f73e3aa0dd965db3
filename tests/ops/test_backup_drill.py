"""The restore drill: back up a working installation, lose it, restore it, and check every table's row
count and every uploaded file's sha256 against the backup. Runs on the suite's database (SQLite or
PostgreSQL); prints how long the restore took."""

from __future__ import annotations

import json
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from openpie.assessments.models import Evidence, Placement
from openpie.operations.backup import MANIFEST, file_hashes, row_counts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Uploads on a real disk (the suite keeps them in memory), as a server keeps them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return tmp_path


@pytest.fixture
def installation(world, disk_storage):
    thread = world.round.thread
    for number in range(3):
        name = default_storage.save(f"evidence/{thread.round_id}/note-{number}.pdf", ContentFile(os.urandom(2048)))
        Evidence.objects.create(thread=thread, text=f"Minutes {number}", file=name, file_name=f"note-{number}.pdf")
    return world


def test_restore_drill_brings_back_every_row_and_file(installation, disk_storage, capsys):
    backup = disk_storage / "backup"
    call_command("backup", "--output", str(backup))
    manifest = json.loads((backup / MANIFEST).read_text())
    rows_before, files_before = row_counts(), file_hashes()
    assert manifest["rows"] == rows_before
    assert manifest["files"] == files_before
    assert len(files_before) == 3
    assert rows_before["assessments_placement"] > 0

    # Disaster: every row and every file is gone.
    call_command("flush", interactive=False, verbosity=0)
    for name in files_before:
        default_storage.delete(name)
    assert not Placement.objects.exists()
    assert file_hashes() == {}

    call_command("restore", str(backup))
    out = capsys.readouterr().out
    assert "every table's row count and every file's sha256 match the backup" in out
    assert row_counts() == rows_before
    assert file_hashes() == files_before
    assert Evidence.objects.filter(file_name="note-2.pdf").exists()
    print(f"\nrestore drill ({manifest['engine']}): {out.strip()}")


def test_restore_refuses_to_overwrite_a_database_with_data(installation, disk_storage):
    backup = disk_storage / "backup"
    call_command("backup", "--output", str(backup))
    Evidence.objects.create(thread=installation.round.thread, text="Written after the backup")

    with pytest.raises(CommandError, match=r"already holds data\. Nothing was changed"):
        call_command("restore", str(backup))
    assert Evidence.objects.filter(text="Written after the backup").exists()

    call_command("restore", str(backup), "--force")
    assert not Evidence.objects.filter(text="Written after the backup").exists()


def test_backup_wants_a_new_folder(installation, disk_storage):
    folder = disk_storage / "busy"
    folder.mkdir()
    (folder / "something.txt").write_text("keep me")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", "--output", str(folder))
    assert (folder / "something.txt").read_text() == "keep me"


def test_restore_checks_the_backup_it_is_given(installation, disk_storage):
    backup = disk_storage / "backup"
    call_command("backup", "--output", str(backup))
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["engine"] = "oracle"
    (backup / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="This is a oracle backup"):
        call_command("restore", str(backup), "--force")
    with pytest.raises(CommandError, match="not an OpenPIE backup"):
        call_command("restore", str(disk_storage / "nowhere"))
