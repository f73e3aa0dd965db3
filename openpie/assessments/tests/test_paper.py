"""The paper form: the blank PDF for workshops, the mapping of paper places, and entering a completed form."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Placement
from openpie.assessments.scale import Scale, framework_paper_to_screen, paper_to_screen
from openpie.assessments.tests.factories import place
from openpie.assessments.tests.test_reports import pdf_text

LINE_WORD = r"(?:[123]|Poor\?|Basic|Progressing|Advanced)"

# Paper places 1-12 (three a level) on the screen's 1-20 (five a level).
PAPER_TO_SCREEN = [1, 3, 5, 6, 8, 10, 11, 13, 15, 16, 18, 20]


def test_paper_places_spread_evenly_across_each_level():
    got = [paper_to_screen(p, levels=4, per_level=5, paper_per_level=3) for p in range(1, 13)]
    assert got == PAPER_TO_SCREEN


@pytest.mark.parametrize(
    ("per_level", "paper_per_level", "expected"),
    [
        (5, 5, [1, 2, 3, 4, 5]),  # the same scale: nothing moves
        (4, 2, [1, 4]),  # the two ends of the level
        (5, 1, [3]),  # one place on paper: the middle of the level
        (6, 3, [1, 4, 6]),  # an uneven spread rounds half up
    ],
)
def test_paper_mapping_follows_the_framework_settings(per_level, paper_per_level, expected):
    first_level = [
        paper_to_screen(p, levels=2, per_level=per_level, paper_per_level=paper_per_level)
        for p in range(1, paper_per_level + 1)
    ]
    assert first_level == expected
    second = paper_to_screen(paper_per_level + 1, levels=2, per_level=per_level, paper_per_level=paper_per_level)
    assert second == per_level + expected[0]


@pytest.mark.parametrize("paper", [0, 13, -1])
def test_paper_places_off_the_form_are_refused(paper):
    with pytest.raises(ValueError, match="not on a form of 12"):
        paper_to_screen(paper, levels=4, per_level=5, paper_per_level=3)


def test_paper_places_come_from_the_framework(framework):
    paper = Scale.paper(framework)
    assert [paper.brief(n) for n in range(1, 5)] == ["Poor? 1", "Poor? 2", "Poor? 3", "Basic 1"]
    assert paper.count == 12
    assert framework_paper_to_screen(framework, 5) == 8


def test_paper_pack_has_every_thread_and_the_paper_places(world, client_for, tmp_path):
    round_ = world.round.round
    response = client_for(world.people.reader).get(reverse("assessments:paper-pack", args=[round_.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="riverside-hostel-')
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    threads = list(round_.threads.all())
    assert len(threads) == 5
    for thread in threads:
        assert thread.name in text
        for question in thread.guiding_questions[:1]:
            assert " ".join(question.split()[:4]) in text
    lines = re.findall(rf"Where are we now\? ((?:{LINE_WORD} )+)Circle the place", text)
    assert len(lines) == len(threads)
    for line in lines:  # three places to circle in each of the four levels, each level named
        words = line.split()
        assert sorted(w for w in words if w.isdigit()) == ["1"] * 4 + ["2"] * 4 + ["3"] * 4
        assert {w for w in words if not w.isdigit()} == {"Poor?", "Basic", "Progressing", "Advanced"}
    for box in ["What tells us so?", "Within our control", "Outside our control", "By when"]:
        assert box in text


def entry_url(world) -> str:
    return reverse("assessments:paper-entry", args=[world.round.round.pk])


def form_data(world, **positions: str) -> dict[str, str]:
    """The paper-entry POST: every thread left as it is unless named (thread key → paper place)."""
    data = {}
    for p in Placement.objects.filter(thread__round=world.round.round).select_related("thread"):
        data[f"position_{p.thread_id}"] = positions.get(p.thread.key, "")
        data[f"target_{p.thread_id}"] = ""
        data[f"version_{p.thread_id}"] = str(p.version)
    return data


def positions(world) -> dict[str, int | None]:
    return dict(Placement.objects.filter(thread__round=world.round.round).values_list("thread__key", "position"))


def test_paper_entry_shows_a_radio_group_per_thread_with_level_names(world, client_for):
    response = client_for(world.people.staff).get(entry_url(world))
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    threads = list(world.round.round.threads.all())
    for thread in threads:
        assert f'name="position_{thread.pk}"' in text
        assert thread.name in text
    assert text.count('type="radio"') == len(threads) * 13  # twelve places and "leave as it is"
    assert "Poor? 1" in text
    assert "Advanced 3" in text
    assert "Recorded now: Basic, position 2 of 5; target Progressing 2" in text


def test_paper_entry_records_the_mapped_places_and_skips_untouched_threads(world, client_for):
    before = positions(world)
    second = world.round.round.threads.order_by("position")[1]
    data = form_data(world, **{second.key: "5"})  # paper "Basic 2"
    data[f"target_{second.pk}"] = "8"  # paper "Progressing 2"
    response = client_for(world.people.staff).post(entry_url(world), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:stage-where", args=[world.round.round.pk])
    after = positions(world)
    assert after[second.key] == 8
    assert Placement.objects.get(thread=second).target == 13
    assert {k: v for k, v in after.items() if k != second.key} == {k: v for k, v in before.items() if k != second.key}
    first = Placement.objects.get(pk=world.round.placement.pk)
    assert first.version == world.round.placement.version  # untouched: not even re-saved


@pytest.mark.parametrize("bad", ["13", "0", "abc", "7.5"])
def test_paper_entry_refuses_places_off_the_form_and_saves_nothing(bad, world, client_for):
    before = positions(world)
    first, second = world.round.round.threads.order_by("position")[:2]
    data = form_data(world, **{first.key: "1", second.key: bad})
    response = client_for(world.people.staff).post(entry_url(world), data)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "There is a problem" in text
    assert f"Choose one of the 12 places on the paper form for {second.name}" in text
    assert positions(world) == before
    assert f'id="id_position_{first.pk}_1" name="position_{first.pk}" type="radio" value="1" checked' in text


def test_paper_entry_keeps_entries_when_someone_else_saved_first(world, client_for):
    first, second = world.round.round.threads.order_by("position")[:2]
    data = form_data(world, **{first.key: "10", second.key: "4"})
    place(world.round.round, first.key, 3, by=world.people.lead)  # someone else, meanwhile
    client = client_for(world.people.staff)
    response = client.post(entry_url(world), data)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert f"Someone else changed the bead for {first.name} while you were entering the paper form" in text
    assert positions(world)[first.key] == 3
    assert positions(world)[second.key] is None  # all or nothing
    assert f'name="position_{first.pk}" type="radio" value="10" checked' in text  # nothing lost
    fresh_version = Placement.objects.get(thread=first).version
    assert f'name="version_{first.pk}" value="{fresh_version}"' in text
    data[f"version_{first.pk}"] = str(fresh_version)
    assert client.post(entry_url(world), data).status_code == 302
    assert positions(world)[first.key] == 16


def test_paper_entry_on_a_closed_round_says_so_and_keeps_the_entries(world, client_for):
    first = world.round.round.threads.order_by("position")[0]
    data = form_data(world, **{first.key: "12"})
    services.round_submit(round_=world.round.round)
    services.round_close(round_=world.round.round)
    response = client_for(world.people.staff).post(entry_url(world), data)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "This round is closed, so what it records cannot change now." in text
    assert f'name="position_{first.pk}" type="radio" value="12" checked' in text
    assert positions(world)[first.key] == 7


def test_readers_cannot_enter_a_paper_form(world, client_for):
    client = client_for(world.people.reader)
    first = world.round.round.threads.order_by("position")[0]
    assert client.get(entry_url(world)).status_code == 403
    assert client.post(entry_url(world), form_data(world, **{first.key: "12"})).status_code == 403
    assert positions(world)[first.key] == 7


def test_outsiders_get_404_on_paper_entry(world, client_for):
    first = world.round.round.threads.order_by("position")[0]
    response = client_for(world.people.outsider).post(entry_url(world), form_data(world, **{first.key: "12"}))
    assert response.status_code == 404
