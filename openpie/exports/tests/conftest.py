"""Helpers for export tests: make a job and read its file back."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from openpie.exports.models import ExportJob
from openpie.exports.services import export_make, export_request


def made(*, by: Any, kind: str, fmt: str, target: int | None) -> ExportJob:
    """Ask for an export and make it at once (as the worker would)."""
    job = export_request(by=by, kind=kind, fmt=fmt, target=target)
    export_make(job_id=job.pk)
    job.refresh_from_db()
    return job


def content(job: ExportJob) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read()


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def api_for(db):
    """An API client authenticated with a new token of the person."""
    from openpie.assessments.tests.api_operations import client_for_token

    return client_for_token
