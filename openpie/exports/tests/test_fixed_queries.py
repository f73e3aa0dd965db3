"""Barriers beside each bead, and every export at the same number of queries however many services."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from openpie.assessments.models import Round
from openpie.exports.models import ExportJob
from openpie.exports.tests.conftest import content, csv_rows, made
from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db
Kind = ExportJob.Kind


def _rows(sheet) -> list[dict]:
    values = list(sheet.values)
    return [dict(zip(values[0], r, strict=True)) for r in values[1:]]


def test_a_rounds_bead_rows_carry_its_threads_barriers_and_their_kinds(world, people):
    job = made(by=people.staff, kind=Kind.ROUND, fmt="xlsx", target=world.round.round.pk)
    beads = _rows(load_workbook(io.BytesIO(content(job)))["Beads"])

    with_barrier = next(b for b in beads if b["thread_key"] == world.round.thread.key)
    assert with_barrier["barriers"] == 1
    assert with_barrier["barrier_kinds"] == world.round.barrier.barrier_kind.name
    assert {b["barriers"] for b in beads if b["thread_key"] != world.round.thread.key} == {0}


def test_the_csv_of_a_round_carries_the_barriers_too(world, people):
    rows = csv_rows(content(made(by=people.staff, kind=Kind.ROUND, fmt="csv", target=world.round.round.pk)))
    found = {(r[0], r[4]): r[5] for r in rows[1:] if r[2] == "Beads"}
    assert found[(world.round.thread.key, "barriers")] == "1"
    assert found[(world.round.thread.key, "barrier_kinds")] == world.round.barrier.barrier_kind.name


def test_a_subtree_export_counts_each_units_barriers_on_each_thread(tree, framework, people):
    units = bulk_units(tree.service, 3)
    bulk_rounds(units, framework, beads=Beads(position=9, barriers=2))
    job = made(by=people.manager, kind=Kind.SUBTREE, fmt="xlsx", target=tree.service.pk)
    beads = _rows(load_workbook(io.BytesIO(content(job)))["Beads"])
    assert len(beads) == 3 * 5
    assert {b["barriers"] for b in beads} == {2}


def _services(tree, framework, count: int, name: str) -> None:
    units = bulk_units(tree.service, count, name=name)
    bulk_rounds(units, framework, held_on=datetime.date(2025, 1, 1), beads=Beads(position=6, barriers=1))
    bulk_rounds(units, framework, held_on=datetime.date(2025, 6, 1), beads=Beads(position=9, staff=[8] * 5))


def _queries(*, by, kind: str, fmt: str, target: int) -> tuple[int, ExportJob]:
    with CaptureQueriesContext(connection) as captured:
        job = made(by=by, kind=kind, fmt=fmt, target=target)
    assert job.state == ExportJob.State.DONE, job.message
    return len(captured.captured_queries), job


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [
        (Kind.SUBTREE, "xlsx"),
        (Kind.SUBTREE, "csv"),
        (Kind.RESEARCH, "zip"),
        (Kind.OVERVIEW_PDF, "pdf"),
        (Kind.REGISTER, "xlsx"),
        (Kind.REGISTER, "csv"),
    ],
)
def test_every_export_takes_the_same_queries_at_10_and_120_services(kind, fmt, tree, framework, people):
    tree.organisation.research_opt_in = True
    tree.organisation.save()
    targets = {Kind.RESEARCH: tree.organisation.pk, Kind.REGISTER: None}
    target = targets.get(kind, tree.root.pk)
    _services(tree, framework, 10, "First")
    _queries(by=people.admin, kind=kind, fmt=fmt, target=target)  # the first export of all reads a little more
    few, _job = _queries(by=people.admin, kind=kind, fmt=fmt, target=target)
    _services(tree, framework, 110, "More")
    many, job = _queries(by=people.admin, kind=kind, fmt=fmt, target=target)

    assert many == few
    if kind == Kind.SUBTREE:
        assert job.rows > 0
    if kind == Kind.REGISTER:
        assert job.rows == 120 * 5  # one barrier on every theme of each service's earlier round
    if kind == Kind.RESEARCH:
        positions = csv_rows(zipfile.ZipFile(io.BytesIO(content(job))).read("positions.csv"))
        assert positions[0][-2:] == ["barriers", "barrier_kinds"]
        assert {r[-2] for r in positions[1:]} == {"0", "1"}  # the earlier rounds had one on every theme


def test_a_round_export_takes_the_same_queries_however_many_services(tree, framework, people):
    _services(tree, framework, 10, "First")
    target = Round.objects.filter(unit__parent=tree.service).order_by("-held_on", "pk").first()
    assert target is not None
    _queries(by=people.admin, kind=Kind.ROUND, fmt="xlsx", target=target.pk)
    few, _job = _queries(by=people.admin, kind=Kind.ROUND, fmt="xlsx", target=target.pk)
    _services(tree, framework, 110, "More")
    many, _job = _queries(by=people.admin, kind=Kind.ROUND, fmt="xlsx", target=target.pk)
    assert many == few
