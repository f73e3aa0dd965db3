"""Retention is now run by cron or a systemd timer (manage.py apply_retention), not by a task that queued
itself for the next day: take away the waiting copy of that task, whose code no longer exists."""

from django.db import migrations

OLD_TASK = "openpie.privacy.tasks.retention_daily"


def forget(apps, schema_editor):
    apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(task_path=OLD_TASK, status="READY").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_heartbeats_and_job_runs"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
