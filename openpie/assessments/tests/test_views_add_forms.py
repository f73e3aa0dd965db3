"""Adding evidence, a factor or an action with JavaScript: the add-form's button posts by htmx, and the answer is
the stage page, whose section (the thread's, or the plan) replaces the one on screen: with the new item and an
empty add-form that says it was added, or with the add-form as sent and what to put right. Nothing is added
until the button is pressed (the add-forms keep a draft, ``data-autosave="draft"``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openpie.assessments.models import Action, Evidence, Factor
from openpie.assessments.tests.factories import PDF_BYTES

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def _section(html: str, element_id: str) -> str:
    """The part of the page htmx selects (``hx-select="#…"``): from the element's start to the next section."""
    start = html.index(f'id="{element_id}"')
    following = html.find('<section class="openpie-stage-thread"', start)
    return html[start : following if following != -1 else len(html)]


def _form_tag(html: str, action: str) -> str:
    match = re.search(rf'<form [^>]*action="{re.escape(action)}"[^>]*>', html)
    assert match, f"no form posting to {action}"
    return match.group(0)


@pytest.mark.parametrize(
    ("stage", "add"),
    [("stage-evidence", "evidence-add"), ("stage-factors", "factor-add")],
)
def test_each_threads_add_form_posts_by_htmx_into_its_own_section(world, client_for, stage, add):
    thread = world.round.thread
    html = client_for(world.people.staff).get(reverse(f"assessments:{stage}", args=[world.round.round.pk])).content
    tag = _form_tag(html.decode(), reverse(f"assessments:{add}", args=[thread.pk]))
    assert f'hx-post="{reverse(f"assessments:{add}", args=[thread.pk])}"' in tag
    assert f'hx-target="#thread-{thread.pk}"' in tag
    assert f'hx-select="#thread-{thread.pk}"' in tag
    assert 'data-autosave="draft"' in tag


def test_evidence_added_by_htmx_comes_back_in_its_section_with_an_empty_add_form(world, client_for):
    thread = world.round.thread
    url = reverse("assessments:evidence-add", args=[thread.pk])
    response = client_for(world.people.staff).post(url, {"text": "Residents chair the house meeting"}, **HTMX)
    assert response.status_code == 200
    section = _section(response.content.decode(), f"thread-{thread.pk}")
    assert "Residents chair the house meeting" in section
    assert 'data-announce="The evidence has been added."' in section
    assert re.search(r"<textarea[^>]*>\s*</textarea>", section)
    assert Evidence.objects.filter(thread=thread, text="Residents chair the house meeting").count() == 1


def test_a_file_added_by_htmx_is_attached_and_a_file_of_the_wrong_kind_is_refused_in_the_section(world, client_for):
    thread = world.round.thread
    url = reverse("assessments:evidence-add", args=[thread.pk])
    client = client_for(world.people.staff)
    pdf = SimpleUploadedFile("house-meeting.pdf", PDF_BYTES, content_type="application/pdf")
    added = _section(client.post(url, {"text": "", "file": pdf}, **HTMX).content.decode(), f"thread-{thread.pk}")
    assert "house-meeting.pdf" in added
    assert Evidence.objects.filter(thread=thread, file_name="house-meeting.pdf").count() == 1
    script = SimpleUploadedFile("run.exe", b"MZ not a document", content_type="application/octet-stream")
    refused = _section(client.post(url, {"text": "", "file": script}, **HTMX).content.decode(), f"thread-{thread.pk}")
    assert "govuk-error-message" in refused
    assert not Evidence.objects.filter(thread=thread, file_name="run.exe").exists()


def test_empty_evidence_by_htmx_adds_nothing_and_says_what_to_put_right(world, client_for):
    thread = world.round.thread
    before = Evidence.objects.count()
    response = client_for(world.people.staff).post(
        reverse("assessments:evidence-add", args=[thread.pk]), {"text": "  "}, **HTMX
    )
    assert response.status_code == 200  # htmx swaps only a success; the errors are in the section it swaps
    section = _section(response.content.decode(), f"thread-{thread.pk}")
    assert "Enter what tells you so" in section
    assert "data-announce" not in section
    assert Evidence.objects.count() == before


def test_a_factor_added_by_htmx_comes_back_and_one_missing_its_choices_keeps_what_was_typed(world, client_for):
    thread = world.round.thread
    client = client_for(world.people.staff)
    url = reverse("assessments:factor-add", args=[thread.pk])
    before = Factor.objects.filter(thread=thread).count()

    missing = client.post(url, {"text": "Rota gaps on Sundays"}, **HTMX)
    section = _section(missing.content.decode(), f"thread-{thread.pk}")
    assert "Choose whether this helps or hinders" in section
    assert "Rota gaps on Sundays</textarea>" in section
    assert Factor.objects.filter(thread=thread).count() == before

    data = {"text": "Rota gaps on Sundays", "effect": "hinders", "control": "within"}
    added = _section(client.post(url, data, **HTMX).content.decode(), f"thread-{thread.pk}")
    assert 'data-announce="Added."' in added
    assert "Rota gaps on Sundays</textarea>" not in added
    assert Factor.objects.filter(thread=thread, text="Rota gaps on Sundays").count() == 1


def test_an_action_added_by_htmx_comes_back_in_the_plan(world, client_for):
    round_ = world.round.round
    client = client_for(world.people.staff)
    url = reverse("assessments:action-add", args=[round_.pk])
    invalid = client.post(url, {"what": "Ask the commissioner"}, **HTMX).content.decode()
    assert 'id="action-plan"' in invalid
    assert "Ask the commissioner</textarea>" in invalid
    assert not Action.objects.filter(round=round_, what="Ask the commissioner").exists()

    page = client.post(url, {"what": "Ask the commissioner", "status": "planned"}, **HTMX).content.decode()
    plan = page[page.index('id="action-plan"') :]
    assert 'data-announce="The action has been added to the plan."' in plan
    assert "Ask the commissioner</td>" in plan
    assert Action.objects.filter(round=round_, what="Ask the commissioner").count() == 1


@pytest.mark.parametrize("add", ["evidence-add", "factor-add"])
def test_htmx_adds_keep_the_access_rule(world, client_for, add):
    url = reverse(f"assessments:{add}", args=[world.round.thread.pk])
    assert client_for(world.people.reader).post(url, {"text": "x"}, **HTMX).status_code == 403
    assert client_for(world.people.outsider).post(url, {"text": "x"}, **HTMX).status_code == 404
