"""Helpers for export tests: make a job and read its file back."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from openpie.exports.models import ExportJob
from openpie.exports.services import export_make, export_request
from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units

# ICC across units of ``icc_units``' beads: (group, units, mean group size, ICC(1), ICC(2)), worked in
# test_builders.test_the_research_extract_gives_icc_across_units_from_released_beads_only.
ICC_ROW = ("staff", "3", "10.0", "0.7778", "0.9722")


def icc_units(tree: Any, framework: Any) -> None:
    """Four units' rounds for the ICC: three of ten staff (2s and 4s, 4s and 6s, 6s and 8s, five of each; the
    first with three more beads after its batch of ten, the third with eight service users), one of four."""
    units = bulk_units(tree.service, 4, name="Hostel")
    bulk_rounds(
        units,
        framework,
        beads=[
            Beads(staff=[2] * 5 + [4] * 5 + [20] * 3),
            Beads(staff=[4] * 5 + [6] * 5),
            Beads(staff=[6] * 5 + [8] * 5, service_users=[1, 20] * 4),
            Beads(staff=[20, 1, 20, 1]),
        ],
    )


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
