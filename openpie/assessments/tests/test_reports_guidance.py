"""The report (HTML and PDF) and the paper pack show what each level looks like for every thread, and the
report shows the team's review criteria ratings in words."""

from __future__ import annotations

from django.urls import reverse

from openpie.assessments.services import RatingInput, criteria_ratings_record
from openpie.assessments.tests.test_reports import pdf_text


def _rate(world) -> None:
    thread = world.round.thread
    criteria_ratings_record(
        thread=thread,
        criteria=list(thread.review_criteria),
        ratings=[RatingInput(position=0, rating="amber", note="Night staff still to join"), RatingInput(1, "", "")],
        by=world.people.staff,
    )


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_report_page_shows_each_threads_four_levels_and_the_ratings(world, client_for):
    _rate(world)
    html = client_for(world.people.staff).get(reverse("assessments:report", args=[world.round.round.pk]))
    text = _words(html.content.decode())
    for thread in world.round.round.threads.all():
        for descriptor in thread.level_descriptors:
            assert _words(descriptor).replace("'", "&#x27;") in text, thread.key
    assert "Amber: partly" in text
    assert "Night staff still to join" in text


def test_the_report_pdf_holds_the_descriptors_and_the_ratings(world, client_for, tmp_path):
    _rate(world)
    response = client_for(world.people.reader).get(reverse("assessments:report-pdf", args=[world.round.round.pk]))
    text = pdf_text(response.content, tmp_path)
    assert text.count("What each level looks like") == 5
    thread = world.round.thread
    assert " ".join(thread.level_descriptors[0].split()[:8]) in text
    assert " ".join(thread.level_descriptors[3].split()[:8]) in text
    assert "Amber: partly" in text
    assert "Night staff still to join" in text
    assert "Not rated" in text


def test_the_paper_pack_gives_every_thread_its_four_level_descriptions(world, client_for, tmp_path):
    round_ = world.round.round
    response = client_for(world.people.reader).get(reverse("assessments:paper-pack", args=[round_.pk]))
    text = pdf_text(response.content, tmp_path)
    assert text.count("What each level looks like") == round_.threads.count()
    for thread in round_.threads.all():
        for descriptor in thread.level_descriptors:
            assert " ".join(descriptor.split()[:6]) in text, thread.key
