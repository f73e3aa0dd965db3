"""Stage 2 pages: evidence per thread, saved as people type (fetch) or by a normal submit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Evidence
from openpie.assessments.tests.factories import PDF_BYTES, make_round_world

FETCH: dict[str, Any] = {"HTTP_X_REQUESTED_WITH": "fetch"}


def _stage(world) -> str:
    return reverse("assessments:stage-evidence", args=[world.round.round.pk])


def _add(world) -> str:
    return reverse("assessments:evidence-add", args=[world.round.thread.pk])


def _edit(evidence: Evidence) -> str:
    return reverse("assessments:evidence-edit", args=[evidence.pk])


def test_the_stage_page_lists_text_and_files_with_an_add_form_per_thread(world, client_for):
    response = client_for(world.people.staff).get(_stage(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keyworkers meet each resident weekly" in html
    assert reverse("assessments:evidence-file", args=[world.round.file_evidence.pk]) in html
    assert "minutes.pdf" in html
    assert "(PDF, 45" in html
    assert html.count('enctype="multipart/form-data"') == world.round.round.threads.count()
    assert html.count("data-autosave") >= world.round.round.threads.count()
    assert 'aria-live="polite"' in html


def test_a_reader_sees_the_evidence_without_forms(world, client_for):
    html = client_for(world.people.reader).get(_stage(world)).content.decode()
    assert "Keyworkers meet each resident weekly" in html
    assert _add(world) not in html
    assert _edit(world.round.evidence) not in html


def test_adding_text_evidence_by_normal_submit_redirects_to_the_thread(world, client_for):
    response = client_for(world.people.staff).post(_add(world), {"text": "Residents chair the house meeting"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#thread-{world.round.thread.pk}")
    assert Evidence.objects.filter(text="Residents chair the house meeting", created_by=world.people.staff).exists()


def test_the_add_page_also_renders_on_its_own(world, client_for):
    response = client_for(world.people.staff).get(_add(world))
    assert response.status_code == 200
    assert 'name="file"' in response.content.decode()


def test_empty_evidence_gets_a_message_next_to_the_field(world, client_for):
    response = client_for(world.people.staff).post(_add(world), {"text": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter what tells you so" in html


def test_oversized_text_is_refused_and_the_saved_text_is_unchanged(world, client_for):
    evidence = world.round.evidence
    response = client_for(world.people.staff).post(_edit(evidence), {"text": "x" * 5001, "version": 1})
    assert "must be 5,000 characters or fewer" in response.content.decode()
    evidence.refresh_from_db()
    assert (evidence.text, evidence.version) == ("Keyworkers meet each resident weekly", 1)


def test_nul_characters_are_refused_with_a_message(world, client_for):
    evidence = world.round.evidence
    response = client_for(world.people.staff).post(_edit(evidence), {"text": "a\x00b", "version": 1}, **FETCH)
    assert response.status_code == 400
    assert "NUL" in response.json()["errors"]["text"][0]
    evidence.refresh_from_db()
    assert evidence.text == "Keyworkers meet each resident weekly"


def test_an_edit_without_a_version_is_refused(world, client_for):
    response = client_for(world.people.staff).post(_edit(world.round.evidence), {"text": "No version"}, **FETCH)
    assert response.status_code == 400
    assert "Reload" in response.json()["errors"]["version"][0]


# Autosave (fetch) ------------------------------------------------------------------------------------


def test_the_first_autosave_creates_and_later_saves_update_the_same_item(world, client_for):
    client = client_for(world.people.staff)
    first = client.post(_add(world), {"text": "Resid"}, **FETCH)
    assert first.status_code == 200
    answer = first.json()
    evidence = Evidence.objects.get(text="Resid")
    assert answer["edit_url"] == _edit(evidence)
    assert answer["version"] == 1
    assert answer["saved_at_text"]
    second = client.post(answer["edit_url"], {"text": "Residents chair meetings", "version": 1}, **FETCH)
    assert second.json()["version"] == 2
    assert Evidence.objects.filter(thread=world.round.thread).count() == 3  # two from the world, one new
    evidence.refresh_from_db()
    assert evidence.text == "Residents chair meetings"


def test_autosave_errors_come_back_as_json_for_the_field(world, client_for):
    response = client_for(world.people.staff).post(_edit(world.round.evidence), {"text": "", "version": 1}, **FETCH)
    assert response.status_code == 400
    assert response.json() == {"errors": {"text": ["Enter what tells you so"]}}


def test_a_stale_autosave_gets_409_with_both_versions(world, client_for):
    evidence = world.round.evidence
    services.evidence_update(evidence=evidence, version=1, by=world.people.lead, text="The lead's words")
    response = client_for(world.people.staff).post(
        _edit(evidence), {"text": "The scribe's words", "version": 1}, **FETCH
    )
    assert response.status_code == 409
    answer = response.json()
    assert answer["conflict"] is True
    assert answer["theirs"] == {"text": "The lead's words"}
    assert answer["yours"] == {"text": "The scribe's words"}
    assert answer["version"] == 2
    assert "The lead&#x27;s words" in answer["html"]
    assert "The scribe&#x27;s words" in answer["html"]
    assert "Keep my version" in answer["html"]
    evidence.refresh_from_db()
    assert evidence.text == "The lead's words"


def test_a_signed_out_autosave_gets_401_json_not_the_sign_in_page(world):
    response = Client().post(_edit(world.round.evidence), {"text": "Typed after the session ended"}, **FETCH)
    assert response.status_code == 401
    assert response.json()["signed_out"] is True


def test_a_reader_autosave_gets_403_json(world, client_for):
    response = client_for(world.people.reader).post(_add(world), {"text": "Not allowed"}, **FETCH)
    assert response.status_code == 403
    assert response.json()["forbidden"] is True
    assert not Evidence.objects.filter(text="Not allowed").exists()


# Without JavaScript -----------------------------------------------------------------------------------


def test_a_stale_submit_shows_the_conflict_page_and_keep_mine_works(world, client_for):
    evidence = world.round.evidence
    services.evidence_update(evidence=evidence, version=1, by=world.people.lead, text="Theirs")
    client = client_for(world.people.staff)
    response = client.post(_edit(evidence), {"text": "Mine", "version": 1})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Theirs" in html
    assert "Mine" in html
    assert 'name="version" value="2"' in html
    kept = client.post(_edit(evidence), {"text": "Mine", "version": 2})
    assert kept.status_code == 302
    evidence.refresh_from_db()
    assert (evidence.text, evidence.version) == ("Mine", 3)


def test_a_round_in_review_refuses_changes_with_a_plain_message(world, client_for):
    services.round_submit(round_=world.round.round)
    evidence = world.round.evidence
    client = client_for(world.people.staff)
    response = client.post(_edit(evidence), {"text": "Changed", "version": 1}, **FETCH)
    assert response.status_code == 400
    assert "in review" in response.json()["errors"]["__all__"][0]
    page = client.get(_stage(world)).content.decode()
    assert "cannot change now" in page
    assert _add(world) not in page
    evidence.refresh_from_db()
    assert evidence.text == "Keyworkers meet each resident weekly"


def test_removing_evidence_asks_then_removes(world, client_for):
    client = client_for(world.people.staff)
    url = reverse("assessments:evidence-remove", args=[world.round.file_evidence.pk])
    assert "Remove this evidence?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=world.round.file_evidence.pk).exists()


def test_removing_in_a_closed_round_says_why(world, client_for):
    services.round_submit(round_=world.round.round)
    client = client_for(world.people.staff)
    response = client.post(reverse("assessments:evidence-remove", args=[world.round.evidence.pk]), follow=True)
    assert "cannot change now" in response.content.decode()
    assert Evidence.objects.filter(pk=world.round.evidence.pk).exists()


@pytest.mark.parametrize("persona", ["reader", "manager"])
def test_people_without_the_record_role_cannot_post(world, client_for, persona):
    client = client_for(getattr(world.people, persona))
    evidence = world.round.evidence
    assert client.post(_edit(evidence), {"text": "x", "version": 1}).status_code == 403
    assert client.post(reverse("assessments:evidence-remove", args=[evidence.pk])).status_code == 403
    assert client.post(_add(world), {"text": "x"}).status_code == 403


def test_outsiders_get_404_everywhere(world, client_for):
    client = client_for(world.people.outsider)
    evidence = world.round.evidence
    assert client.get(_stage(world)).status_code == 404
    assert client.post(_add(world), {"text": "x"}).status_code == 404
    assert client.post(_edit(evidence), {"text": "x", "version": 1}).status_code == 404
    assert client.post(reverse("assessments:evidence-remove", args=[evidence.pk])).status_code == 404


def test_the_stage_page_query_count_does_not_grow_with_items(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    with django_assert_max_num_queries(20) as before:
        client.get(_stage(world))
    for thread in world.round.round.threads.all():
        for n in range(3):
            services.evidence_add(thread=thread, by=None, text=f"Item {n}")
    services.evidence_add(thread=world.round.thread, by=None, upload=_pdf())
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(_stage(world))


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("more.pdf", PDF_BYTES, content_type="application/pdf")


def test_another_round_in_the_same_tree_is_separate(world, client_for):
    other = make_round_world(world.tree.team, world.framework, by=world.people.staff)
    html = client_for(world.people.staff).get(_stage(world)).content.decode()
    assert reverse("assessments:evidence-edit", args=[other.evidence.pk]) not in html
