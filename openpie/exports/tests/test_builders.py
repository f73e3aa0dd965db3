"""Every kind of export, opened and read back: CSV, XLSX, the overview PDF and the research extract."""

from __future__ import annotations

import datetime
import io
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from openpie.exports.builders.research import pseudonym
from openpie.exports.models import ExportJob
from openpie.exports.tests.conftest import ICC_ROW, content, csv_rows, icc_units, made
from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units

pytestmark = pytest.mark.django_db
Kind = ExportJob.Kind


def test_a_round_as_xlsx_has_a_sheet_per_stage_with_the_barrier_marked(world, people):
    job = made(by=people.staff, kind=Kind.ROUND, fmt="xlsx", target=world.round.round.pk)
    assert job.state == ExportJob.State.DONE, job.message
    book = load_workbook(io.BytesIO(content(job)))
    assert book.sheetnames == ["Beads", "Evidence", "Factors", "Actions", "Overlay", "Levels", "Review criteria"]
    beads = list(book["Beads"].values)
    first = dict(zip(beads[0], beads[1], strict=True))
    assert first["position"] == 7
    assert first["target"] == 12
    factors = [dict(zip(next(iter(book["Factors"].values)), r, strict=True)) for r in list(book["Factors"].values)[1:]]
    marked = {f["text"]: f["barrier"] for f in factors}
    assert marked == {"Monthly reflective practice": "no", "No move-on flats in the borough": "yes"}
    assert list(book["Actions"].values)[1][2] == "Ask the council about move-on"
    assert list(book["Overlay"].values)[1:] == []  # nobody's own beads yet: no group shown


def test_a_round_export_holds_what_each_level_looks_like_and_the_criteria_ratings(world, people):
    from openpie.assessments.services import RatingInput, criteria_ratings_record

    thread = world.round.thread
    criteria_ratings_record(
        thread=thread,
        criteria=list(thread.review_criteria),
        ratings=[RatingInput(position=0, rating="amber", note="Partly there")],
        by=people.staff,
    )
    job = made(by=people.staff, kind=Kind.ROUND, fmt="xlsx", target=world.round.round.pk)
    book = load_workbook(io.BytesIO(content(job)))
    levels = list(book["Levels"].values)
    assert levels[0] == (
        "thread_key",
        "thread",
        "level",
        "level_name",
        "first_position",
        "last_position",
        "description",
    )
    assert len(levels) - 1 == 4 * world.round.round.threads.count()
    assert levels[1][:6] == (thread.key, thread.name, 1, "Poor?", 1, 5)
    assert levels[1][6] == thread.level_descriptors[0]
    criteria = list(book["Review criteria"].values)
    assert criteria[1] == (thread.key, thread.name, 1, thread.review_criteria[0], "amber", "Partly there")
    assert "score" not in " ".join(str(h) for h in criteria[0])


def test_a_round_as_csv_is_one_long_table(world, people):
    job = made(by=people.staff, kind=Kind.ROUND, fmt="csv", target=world.round.round.pk)
    rows = csv_rows(content(job))
    assert rows[0] == ["thread_key", "thread", "stage", "row", "field", "value"]
    assert [world.round.thread.key, world.round.thread.name, "Evidence", "1", "text"] == rows[
        next(i for i, r in enumerate(rows) if r[2] == "Evidence" and r[4] == "text")
    ][:5]
    assert job.rows == len(rows) - 1


def test_a_subtree_as_xlsx_has_every_units_latest_round(tree, framework, people):
    units = bulk_units(tree.service, 3)
    bulk_rounds(units, framework, held_on=datetime.date(2025, 1, 1), beads=Beads(position=4))
    bulk_rounds(units, framework, held_on=datetime.date(2025, 6, 1), beads=Beads(position=9, barriers=1))
    job = made(by=people.manager, kind=Kind.SUBTREE, fmt="xlsx", target=tree.service.pk)
    book = load_workbook(io.BytesIO(content(job)))
    assert book.sheetnames[:3] == ["Beads", "Evidence", "Factors"]
    beads = list(book["Beads"].values)
    assert beads[0][:5] == ("unit_id", "unit", "round_id", "round", "held_on")
    assert len(beads) == 1 + 3 * 5  # three units, five themes, latest round only
    assert {r[beads[0].index("position")] for r in beads[1:]} == {9}
    assert len(list(book["Factors"].values)) == 1 + 3 * 5


def test_an_empty_export_is_a_valid_file_with_headings_only(tree, people):
    job = made(by=people.manager, kind=Kind.SUBTREE, fmt="csv", target=tree.service.pk)
    assert job.state == ExportJob.State.DONE
    assert job.rows == 0
    assert csv_rows(content(job)) == [[
        "unit_id", "unit", "round_id", "round", "held_on", "thread_key", "thread", "stage", "row", "field", "value"
    ]]  # fmt: skip
    assert job.message == "Nothing to export: the file has only headings."
    register = made(by=people.admin, kind=Kind.REGISTER, fmt="xlsx", target=None)
    assert next(list(r) for r in load_workbook(io.BytesIO(content(register)))["Barriers"].values)[0] == "barrier_id"


def test_the_register_lists_the_persons_barriers(world, people):
    job = made(by=people.admin, kind=Kind.REGISTER, fmt="csv", target=None)
    rows = csv_rows(content(job))
    assert len(rows) == 2
    assert rows[1][rows[0].index("text")] == "No move-on flats in the borough"
    assert made(by=people.outsider, kind=Kind.REGISTER, fmt="csv", target=None).rows == 0


def test_the_overview_pdf_is_tagged_with_charts_and_tables(tree, framework, people, tmp_path):
    units = bulk_units(tree.service, 6)
    bulk_rounds(units, framework, beads=Beads(position=9))
    job = made(by=people.admin, kind=Kind.OVERVIEW_PDF, fmt="pdf", target=tree.service.pk)
    assert job.state == ExportJob.State.DONE, job.message
    data = content(job)
    assert data.startswith(b"%PDF")
    path = tmp_path / "overview.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    assert "Tagged:          yes" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    assert "Overview of everything below" in text
    assert "Psychological awareness" in text
    assert "Basic 4" in text  # median of six units: shown inside the organisation (threshold 5)


def _opted_in(tree):
    tree.organisation.research_opt_in = True
    tree.organisation.save()


def test_the_research_extract_is_pseudonymous_suppressed_and_without_free_text(world, tree, framework, people):
    _opted_in(tree)
    big, small = bulk_units(tree.service, 2, name="Hostel")
    bulk_rounds([big], framework, beads=Beads(position=9, staff=[8] * 10 + [1] * 3, service_users=[12] * 9))
    bulk_rounds([small], framework, beads=Beads(position=6, staff=[5] * 4))
    job = made(by=people.admin, kind=Kind.RESEARCH, fmt="zip", target=tree.organisation.pk)
    assert job.state == ExportJob.State.DONE, job.message
    archive = zipfile.ZipFile(io.BytesIO(content(job)))
    names = set(archive.namelist())
    assert {
        "units.csv",
        "rounds.csv",
        "positions.csv",
        "voices.csv",
        "data_dictionary.csv",
        "data_dictionary.md",
    } <= names
    everything = b"".join(archive.read(n) for n in names).decode("utf-8-sig")
    for words in (
        "No move-on flats",
        "Keyworkers meet",
        "Ask the council",
        "Monthly reflective",
        "Hostel",
        "Riverside",
    ):
        assert words not in everything
    voices = csv_rows(archive.read("voices.csv"))
    assert voices[0][:4] == ["round", "thread", "group", "count"]
    assert {(r[2], r[3]) for r in voices[1:]} == {("staff", "10")}  # 9 service users and 4 staff: not shown
    # The three staff members after the first batch of ten are not counted: their 1s move no figure.
    assert {(r[4], r[5], r[6]) for r in voices[1:]} == {("8.0", "8.0", "8.0")}
    units = csv_rows(archive.read("units.csv"))
    ids = {r[0] for r in units[1:]}
    assert pseudonym("unit", big.pk) in ids
    assert str(big.pk) not in ids
    rounds = csv_rows(archive.read("rounds.csv"))
    assert all(len(r[rounds[0].index("held_month")]) == 7 for r in rounds[1:])  # YYYY-MM
    again = made(by=people.admin, kind=Kind.RESEARCH, fmt="zip", target=tree.organisation.pk)
    assert csv_rows(zipfile.ZipFile(io.BytesIO(content(again))).read("units.csv")) == units  # stable


def test_pseudonyms_are_stable_and_not_the_real_id():
    assert pseudonym("unit", 42) == pseudonym("unit", 42)
    assert pseudonym("unit", 42) != "42"
    assert pseudonym("unit", 42) != pseudonym("round", 42)


def test_the_research_extract_gives_icc_across_units_from_released_beads_only(tree, framework, people):
    """Three units of ten staff: 2s and 4s, 4s and 6s, 6s and 8s (five of each). Unit means 3, 5, 7; grand mean 5.
    SS between = 10 × (4 + 0 + 4) = 80 on 2 df, MSB = 40; SS within = 3 × 10 on 27 df, MSW = 10/9.
    ICC(1) = (40 − 10/9) / (40 + 9 × 10/9) = 7/9 = 0.7778; ICC(2) = (40 − 10/9) / 40 = 35/36 = 0.9722
    (the formulas of ``stats.icc``, checked there against Bliese's worked example). A fourth unit of four staff
    is under the outside threshold and adds nothing; the three beads after the first unit's batch of ten neither.
    """
    _opted_in(tree)
    icc_units(tree, framework)
    job = made(by=people.admin, kind=Kind.RESEARCH, fmt="zip", target=tree.organisation.pk)
    assert job.state == ExportJob.State.DONE, job.message
    archive = zipfile.ZipFile(io.BytesIO(content(job)))
    rows = csv_rows(archive.read("agreement.csv"))
    assert rows[0] == ["framework", "thread", "group", "units", "mean_group_size", "icc1", "icc2"]
    assert len(rows) == 1 + 5  # the five themes of each round; no service users' row (8 of them: none released)
    assert {tuple(r[2:]) for r in rows[1:]} == {ICC_ROW}
    assert "agreement" in {r[0] for r in csv_rows(archive.read("data_dictionary.csv"))[1:]}
    assert "## agreement.csv" in archive.read("data_dictionary.md").decode()
