"""The barriers register, the overview, a peer review invitation and two exports in Welsh, from an
empty installation through pages alone.

An organisation is set up and two services close a round each (one raises a barrier); then its admin
chooses Cymraeg: the barriers register, the barrier's page (answered there in Welsh), the overview,
the page inviting a peer reviewer and the page the reviewer opens read in Welsh, with axe on each. The
overview report (PDF) and the register's Excel workbook are made in Welsh: the workbook's sheet and
headings are Welsh (read with openpyxl), and the PDF says it is in Welsh and carries a Welsh title.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.assessments.models import Round
from openpie.exports.models import ExportJob
from openpie.exports.services import export_make
from openpie.organisations.models import Unit
from tests.browser.conftest import assert_accessible, page_watch
from tests.browser.journeys import (
    accept_invitation,
    emailed_link,
    first_platform_admin,
    flag_barrier,
    go_to_stage,
    heading,
    import_csv,
    open_down,
    place_team_bead,
    round_state,
    start_and_open_round,
    start_organisation,
)
from tests.browser.welsh import assert_in_welsh, switch_to_welsh

OPERATOR = "operator@platform.example"
ADMIN = "alex@harbour.example"
REVIEWER = "rhys@reviewers.example"
TOP = "Harbour Trust"
UNITS_CSV = (
    "parent,name,level,client group,service type\n"
    ",North,,,\n"
    "North,Harbour House,,Homelessness,Hostel or supported housing\n"
    "North,Quay Court,,Homelessness,Hostel or supported housing\n"
)
AWARENESS = "psychological-awareness"
BARRIER = "No move-on flats in the borough"
ANSWER = "Mae dau fflat newydd ar gael o fis Ebrill."
# What people typed (names, the barrier's words) stays as they wrote it. The framework's wording
# (themes, elements, levels, kinds of barrier) shows in its Welsh.
TYPED = [TOP, "North", "Harbour House", "Quay Court", BARRIER, "Alex Harbour", ADMIN, REVIEWER]
# Words from other areas' shared pieces, translated in parallel with these pages: the session warning,
# the error summary's title, the account form's labels and the units' client groups and types of service.
ELSEWHERE = [
    "Your name",
    "Choose a password",
    "You are about to be signed out",
    "To protect people's information, we will sign you out in",
    "There is a problem",
    *(str(label) for _value, label in Unit.ClientGroup.choices),
    *(str(label) for _value, label in Unit.ServiceType.choices),
]
ALLOW = TYPED + ELSEWHERE


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF's bytes with its compressed streams opened (its catalogue and metadata are in them)."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _a_closed_round(page: Page, service: str, bead: str, *, barrier: bool) -> None:
    page.get_by_role("link", name=TOP).first.click()
    heading(page)(TOP)
    open_down(page, "North", service)
    start_and_open_round(page)
    go_to_stage(page, "1. Where are we now?")
    place_team_bead(page, AWARENESS, bead)
    if barrier:
        go_to_stage(page, "3. What helps, what hinders?")
        flag_barrier(page, "Psychological awareness", BARRIER, "Contract or funding rules")
    go_to_stage(page, "Overview")
    round_state(page, "Send for review", "In review")
    round_state(page, "Close the round", "Closed")


def _welsh_page(page: Page) -> None:
    assert_in_welsh(page, allow=ALLOW)
    assert_accessible(page)


def _made_by_the_worker(page: Page) -> None:
    """What ``manage.py task_worker`` does for a queued export: make it. Then the page shows it ready."""
    for job in ExportJob.objects.filter(state=ExportJob.State.QUEUED):
        export_make(job_id=job.pk)
    page.reload()
    expect(page.locator(".openpie-export .govuk-tag")).to_have_text("Yn barod")


def _download(page: Page) -> bytes:
    with page.expect_download() as download:
        page.locator(".openpie-export").get_by_role("link", name="Lawrlwytho").click()
    path = download.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        return handle.read()


def _set_up(open_page: Callable[..., Page], base_url: str) -> Page:
    operator = open_page()
    first_platform_admin(operator, base_url, OPERATOR)
    start_organisation(operator, TOP, "Service provider", ADMIN)
    page = open_page()
    page_watch(page).expected |= {(400, "/factors/add/")}  # autosave tries the half-filled barrier form
    accept_invitation(page, ADMIN, "Alex Harbour")
    page.get_by_role("link", name="Set up your organisation").click()
    import_csv(page, "Add units from a CSV file", UNITS_CSV, "Check the units before adding them", "Add these units")
    _a_closed_round(page, "Harbour House", "Basic, position 2 of 5", barrier=True)
    _a_closed_round(page, "Quay Court", "Progressing, position 3 of 5", barrier=False)
    return page


def _answer_the_barrier(page: Page, base_url: str) -> None:
    page.goto(base_url + reverse("barriers:register"))
    heading(page)("Cofrestr rhwystrau")
    expect(page.locator("#total-barriers")).to_have_text("1")
    _welsh_page(page)
    page.get_by_role("link", name="Rheolau contract neu gyllid").click()  # the kind, in the framework's Welsh
    expect(page.get_by_role("main")).to_contain_text("1 rhwystr wedi’i godi gan 1 gwasanaeth.")
    _welsh_page(page)
    page.get_by_role("link", name="Agor y rhwystr gan Harbour House").click()
    expect(page.get_by_role("heading", level=2, name="Ymatebion")).to_be_visible()
    _welsh_page(page)
    page.get_by_role("button", name="Anfon yr ymateb").click()  # nothing chosen: the errors in Welsh
    expect(page.locator(".govuk-error-summary")).to_contain_text("Dewiswch beth rydych chi’n ei wneud am y rhwystr hwn")
    _welsh_page(page)
    page.get_by_label("Cam wedi’i gytuno").check()
    page.get_by_label("Eich ymateb i’r gwasanaeth").fill(ANSWER)
    page.get_by_role("button", name="Anfon yr ymateb").click()
    expect(page.locator("#responses + ol")).to_contain_text(ANSWER)
    _welsh_page(page)


def _export_the_register(page: Page, base_url: str) -> None:
    page.goto(base_url + reverse("barriers:register"))
    page.get_by_role("link", name="Allforio y gofrestr").click()
    heading(page)("Allforio: Cofrestr rhwystrau")
    _welsh_page(page)
    page.get_by_label("Llyfr gwaith Excel").check()
    page.get_by_role("button", name="Gwneud yr allforyn").click()
    heading(page)("Eich allforyn")
    _made_by_the_worker(page)
    _welsh_page(page)
    workbook = openpyxl.load_workbook(io.BytesIO(_download(page)), read_only=True)
    assert workbook.sheetnames == ["Rhwystrau"]
    rows = list(workbook["Rhwystrau"].iter_rows(values_only=True))
    assert rows[0][:4] == ("id_rhwystr", "math", "sefydliad", "uned")
    assert "cynhaliwyd_ar" in rows[0]
    assert "ymatebion" in rows[0]
    assert BARRIER in rows[1]


def _the_overview_and_its_report(page: Page, base_url: str) -> None:
    top = Unit.objects.get(name=TOP)
    page.goto(base_url + reverse("insights:overview", args=[top.pk]))
    heading(page)("Trosolwg o bopeth oddi tano")
    expect(page.get_by_role("table", name="Y lefel oddi tano: unedau pob rhan")).to_contain_text("North")
    _welsh_page(page)
    page.get_by_role("link", name="Allforio y trosolwg hwn").click()
    _welsh_page(page)
    page.get_by_label("Adroddiad trosolwg (PDF hygyrch)").check()
    page.get_by_role("button", name="Gwneud yr allforyn").click()
    heading(page)("Eich allforyn")
    _made_by_the_worker(page)
    pdf = _download(page)
    assert pdf.startswith(b"%PDF")
    opened = _pdf_text(pdf)
    assert b"/Lang (cy)" in opened
    assert b"trosolwg o bopeth oddi tano" in opened  # the document's title, in Welsh


def _invite_a_peer_reviewer(page: Page, open_page: Callable[..., Page], base_url: str) -> None:
    round_ = Round.objects.get(unit__name="Harbour House")
    page.goto(base_url + reverse("reviews:round", args=[round_.pk]))
    page.get_by_role("link", name="Gwahodd adolygydd cymheiriaid").click()
    # The invitation form sits inside the round's own frame (its stages and navigation), which the
    # rounds' pages translate in parallel: here the form's words are checked, the whole page with axe.
    form = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gwahodd adolygydd cymheiriaid")
    expect(form).to_contain_text("Rydyn ni’n anfon dolen atyn nhw drwy e-bost.")
    assert_accessible(page)
    page.get_by_label("Cyfeiriad e-bost yr adolygydd").fill(REVIEWER)
    page.get_by_role("button", name="Anfon y gwahoddiad").click()
    expect(page.get_by_role("main")).to_contain_text(f"Mae {REVIEWER} wedi cael gwahoddiad.")
    assert_accessible(page)

    reviewer = open_page()
    reviewer.goto(emailed_link(REVIEWER, path="/peer-review/accept/"))
    switch_to_welsh(reviewer)
    heading(reviewer)("Adolygu Harbour House gan gymheiriaid")
    expect(reviewer.get_by_role("button", name="Creu cyfrif a dechrau")).to_be_visible()
    _welsh_page(reviewer)


@pytest.mark.browser
def test_barriers_the_overview_a_peer_review_and_exports_in_welsh(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    page = _set_up(open_page, base_url)
    switch_to_welsh(page)
    _answer_the_barrier(page, base_url)
    _export_the_register(page, base_url)
    _the_overview_and_its_report(page, base_url)
    _invite_a_peer_reviewer(page, open_page, base_url)
