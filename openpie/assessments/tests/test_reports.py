"""The round's report: the HTML page and the tagged PDF, holding all five stages with barriers beside positions."""

from __future__ import annotations

import datetime
import html
import re
import subprocess
import zlib

import pytest
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Action
from openpie.assessments.reports.pdf import BASE_URL, StaticOnlyFetcher, safe_filename, static_file
from openpie.assessments.reports.wording import held_back_text
from openpie.assessments.tests.factories import place

BEAD = "Basic, position 2 of 5; target Progressing 2"


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)  # noqa: S603, S607
    return " ".join(result.stdout.decode().split())


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's bytes with every compressed stream (object streams too) inflated, to look for keys."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def page_text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def page_words(response) -> str:
    """The page's words without its tags."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def followed(world):
    """The next round after the world's round: the bead moved from Basic 2 to Progressing 1, a barrier, a review."""
    first = world.round.round
    services.round_submit(round_=first)
    services.round_close(round_=first)
    staff = world.people.staff
    later = services.round_next(previous=first, by=staff, title="Autumn round")
    services.round_open(round_=later)
    thread = later.threads.get(key=world.round.thread.key)
    place(later, thread.key, 11, by=staff)
    services.factor_add(
        thread=thread,
        by=staff,
        effect="hinders",
        control="outside",
        text="Referral waits at the community mental health team",
        barrier_kind=world.round.barrier.barrier_kind,
        flag_managers=True,
        funder="",
    )
    carried = later.actions.get()
    Action.objects.filter(pk=carried.pk).update(review_note="Council replied; a meeting is set")
    return later


def test_report_page_shows_every_stage_with_barriers_beside_the_bead(world, client_for):
    response = client_for(world.people.reader).get(reverse("assessments:report", args=[world.round.round.pk]))
    assert response.status_code == 200
    text = page_text(response)
    assert BEAD in text
    assert "Held back by 1 barrier outside the team's control" in text
    assert "No move-on flats in the borough (Move-on accommodation)" in text
    assert "Keyworkers meet each resident weekly" in text
    assert "File: minutes.pdf" in text
    assert "Monthly reflective practice" in text
    assert "Within our control" in text
    assert "Ask the council about move-on" in text
    assert "first round, so there is no distance travelled" in text
    assert reverse("assessments:report-pdf", args=[world.round.round.pk]) in text
    assert 'aria-hidden="true"' in text  # the drawing; its words are written beside it


def test_barriers_sit_beside_the_position_not_below_it(world, client_for):
    text = page_text(client_for(world.people.staff).get(reverse("assessments:report", args=[world.round.round.pk])))
    where = text.split('id="report-where"')[1].split('id="report-evidence"')[0]
    assert BEAD in where
    assert "Held back by 1 barrier" in where


def test_report_shows_distance_travelled_and_reviews_carried_actions(followed, client_for, world):
    text = page_text(client_for(world.people.staff).get(reverse("assessments:report", args=[followed.pk])))
    assert "Moved 4 positions right (from Basic 2 to Progressing 1)" in text
    assert "Actions carried from the last round" in text
    assert "Council replied; a meeting is set" in text
    assert "last round Basic 2" in text  # the ghost, in words


def test_overdue_actions_are_marked_in_words(world, client_for):
    Action.objects.filter(pk=world.round.action.pk).update(due_on=datetime.date(2020, 1, 1))
    text = page_words(client_for(world.people.staff).get(reverse("assessments:report", args=[world.round.round.pk])))
    assert "1 January 2020 Overdue" in text


def test_round_pdf_holds_every_stage_and_is_tagged(followed, world, client_for, tmp_path):
    response = client_for(world.people.reader).get(reverse("assessments:report-pdf", args=[followed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="riverside-hostel-autumn-round-report')
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    objects = pdf_objects(pdf)
    assert b"/StructTreeRoot" in objects
    assert b"/Lang" in objects
    assert b"pdfuaid" in objects  # PDF/UA-1 identification in the metadata
    text = pdf_text(pdf, tmp_path)
    assert "Progressing, position 1 of 5" in text
    # the new barrier, and the first round's, carried because it is still open
    assert "Held back by 2 barriers outside the team's control" in text
    assert "Referral waits at the community mental health team" in text
    assert "Barrier: Move-on accommodation" in text
    assert "Ask the council about move-on" in text
    assert "Moved 4 positions right (from Basic 2 to Progressing 1)" in text
    for stage in ["1. Where are we now?", "2. What tells us so?", "3. What helps, what hinders?", "5. How did it go?"]:
        assert stage in text


def test_first_round_pdf_has_the_evidence_and_factors(world, client_for, tmp_path):
    response = client_for(world.people.staff).get(reverse("assessments:report-pdf", args=[world.round.round.pk]))
    text = pdf_text(response.content, tmp_path)
    assert BEAD in text
    assert "Keyworkers meet each resident weekly" in text
    assert "File: minutes.pdf" in text
    assert "Monthly reflective practice" in text
    assert "No move-on flats in the borough" in text


def test_pdf_title_comes_from_the_round(world, client_for, tmp_path):
    response = client_for(world.people.staff).get(reverse("assessments:report-pdf", args=[world.round.round.pk]))
    path = tmp_path / "r.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()  # noqa: S603, S607
    assert f"Title:           Riverside hostel: {world.round.round.title}" in info
    assert "Tagged:          yes" in info
    assert "A4" in info


def test_pdf_fetcher_serves_only_our_static_files():
    body, content_type = static_file(BASE_URL + "static/css/report.css")
    assert b"@page" in body
    assert content_type == "text/css"
    for url in [
        "https://example.com/static/css/report.css",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        BASE_URL + "static/../config/settings.py",
        BASE_URL + "media/evidence/secret.pdf",
    ]:
        with pytest.raises(ValueError, match=r"static|fetched"):
            StaticOnlyFetcher().fetch(url)


def test_pdf_file_names_are_plain():
    assert safe_filename("Riverside hostel: Round — May 2025 report") == "riverside-hostel-round-may-2025-report.pdf"
    assert safe_filename("«»") == "report.pdf"


def test_held_back_wording():
    assert held_back_text(0) == ""
    assert held_back_text(1) == "Held back by 1 barrier outside the team's control"
    assert held_back_text(3) == "Held back by 3 barriers outside the team's control"


@pytest.mark.parametrize("name", ["assessments:report", "assessments:report-pdf", "assessments:paper-pack"])
def test_outsiders_get_404_and_readers_can_read(name, world, client_for):
    url = reverse(name, args=[world.round.round.pk])
    assert client_for(world.people.outsider).get(url).status_code == 404
    assert client_for(world.people.reader).get(url).status_code == 200


def test_report_page_queries_do_not_grow_with_threads_and_items(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    url = reverse("assessments:report", args=[world.round.round.pk])
    client.get(url)
    for thread in world.round.round.threads.all():
        services.evidence_add(thread=thread, by=world.people.staff, text=f"More about {thread.name}")
        services.action_add(
            round_=world.round.round, by=world.people.staff, what=f"Act on {thread.name}", thread=thread
        )
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200
