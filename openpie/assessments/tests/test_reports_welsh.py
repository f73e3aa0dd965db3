"""The round report PDF and the paper pack come out in the language of whoever asked for them:
read in Welsh with pdftotext, with no English left but what people typed (docs/translation.md)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable

import pytest
from django.urls import reverse

from openpie.assessments.models import Action, Evidence, Factor, Round
from openpie.assessments.tests.test_reports import followed, pdf_text  # noqa: F401 (a fixture)
from tests.browser.welsh import ENGLISH_ONLY

pytestmark = pytest.mark.django_db


def _in_welsh(person) -> None:
    person.language = "cy"
    person.save(update_fields=["language"])


def typed_words(round_: Round) -> list[str]:
    """What people typed and the framework's own wording (its Welsh is being written with the
    framework files, so for now it may still be English): each stays as it was written."""
    words = [round_.unit.name, round_.unit.organisation.name, round_.title]
    if round_.previous:
        words.append(round_.previous.title)  # named when it began, in its starter's language
    for thread in round_.threads.all():
        words += [thread.name, thread.short_name, thread.theme_name, thread.description, thread.easy_read]
        words += [*thread.guiding_questions, *thread.review_criteria, *thread.level_descriptors]
    words += list(round_.framework.levels)
    for evidence in Evidence.objects.filter(thread__round=round_):
        words += [evidence.text, evidence.file_name]
    for factor in Factor.objects.filter(thread__round=round_).select_related("barrier_kind"):
        words += [factor.text, factor.funder, factor.barrier_kind.name if factor.barrier_kind else ""]
    for action in Action.objects.filter(round=round_):
        words += [action.what, action.owner_name, action.review_note]
    return [" ".join(str(w).split()) for w in words if w]


def english_left(text: str, allow: Iterable[str]) -> list[str]:
    """English-only words left in ``text`` once what people typed is taken out. Words are whole Welsh
    words, accents and all ("themâu" is not "them")."""
    allow = list(allow)
    for typed in sorted(allow, key=len, reverse=True):
        text = text.replace(typed, " ")
    # pdftotext may run a table cell's words into its neighbour's ("flats ainbeth the borough"), so a
    # word of what people typed is theirs wherever it lands.
    typed_words = {word.lower() for typed in allow for word in re.findall(r"[^\W\d_]+", typed)}
    found = {word for word in re.findall(r"[^\W\d_]+", text) if word.lower() in ENGLISH_ONLY}
    return sorted(word for word in found if word.lower() not in typed_words)


def test_the_round_report_pdf_is_in_the_welsh_of_whoever_asked(followed, world, client_for, tmp_path):  # noqa: F811
    _in_welsh(world.people.reader)
    response = client_for(world.people.reader).get(reverse("assessments:report-pdf", args=[followed.pk]))
    assert response.status_code == 200
    assert response["Content-Language"] == "cy"
    text = pdf_text(response.content, tmp_path)
    for heading in ["1. Ble rydyn ni nawr?", "2. Beth sy’n dweud hynny wrthym?", "5. Sut aeth hi?"]:
        assert heading in text
    assert "Wedi’i ddal yn ôl gan 2 rhwystr y tu hwnt i reolaeth y tîm" in text
    assert "Wedi symud 4 safle i’r dde" in text
    assert not english_left(text, typed_words(followed)), text


def test_the_paper_pack_is_in_the_welsh_of_whoever_asked(world, client_for, tmp_path):
    _in_welsh(world.people.reader)
    round_ = world.round.round
    response = client_for(world.people.reader).get(reverse("assessments:paper-pack", args=[round_.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "1. Ble rydyn ni nawr?" in text
    assert "Rhowch gylch o amgylch y lle sy’n gweddu orau nawr." in text
    assert not english_left(text, typed_words(round_)), text


def test_the_same_report_asked_for_in_english_stays_english(followed, world, client_for, tmp_path):  # noqa: F811
    response = client_for(world.people.reader).get(reverse("assessments:report-pdf", args=[followed.pk]))
    text = pdf_text(response.content, tmp_path)
    assert "1. Where are we now?" in text
    assert "Ble rydyn ni nawr" not in text


def test_a_page_of_the_welsh_report_renders_as_an_image(followed, world, client_for, tmp_path):  # noqa: F811
    """One page drawn with pdftoppm (Welsh letters such as ŵ and ’ need the fonts to have them)."""
    _in_welsh(world.people.reader)
    pdf = client_for(world.people.reader).get(reverse("assessments:report-pdf", args=[followed.pk])).content
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],  # noqa: S607
        check=True,
        capture_output=True,
    )
    page = next(tmp_path.glob("page*.png"))
    assert page.read_bytes().startswith(b"\x89PNG")
    assert page.stat().st_size > 5_000
