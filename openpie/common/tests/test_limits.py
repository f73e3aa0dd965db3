"""Too large: a 413 with a plain page (or the API's JSON) that says what and the limit, and saves nothing.

A form's text over 2.5 MB, a whole request over 25 MB (files included), too many fields: 413. A
single file over the 10 MB evidence limit in a request that fits is the form's own error instead.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from openpie.assessments.models import Evidence
from openpie.assessments.services.files import MAX_BYTES
from openpie.assessments.tests.api_operations import client_for_token
from openpie.common.limits import bad_request

MB = 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n"


def _add(world) -> str:
    return reverse("assessments:evidence-add", args=[world.round.thread.pk])


def _edit(evidence: Evidence) -> str:
    return reverse("assessments:evidence-edit", args=[evidence.pk])


def _page_says_too_large(response, *words: str) -> str:
    html = response.content.decode()
    assert response.status_code == 413
    assert 'class="govuk-template' in html
    assert '<h1 class="govuk-heading-l">What you sent is too large</h1>' in html
    assert "Nothing from this form was saved, and nothing you saved before has changed." in html
    assert "Traceback" not in html
    assert "RequestDataTooBig" not in html
    for word in words:
        assert word in html
    return html


def test_settings_keep_the_limits_and_a_file_fits_inside_a_request():
    assert MAX_BYTES == settings.OPENPIE_UPLOAD_MAX_BYTES == 10 * MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * MB // 2
    assert settings.OPENPIE_REQUEST_MAX_BYTES == 25 * MB > MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


# Pages -----------------------------------------------------------------------------------------


def test_twenty_megabytes_of_text_on_the_evidence_page_is_a_413_page_naming_the_limit(world, client_for):
    before = Evidence.objects.count()
    response = client_for(world.people.staff).post(_add(world), {"text": "x" * (20 * MB)})
    _page_says_too_large(response, "The text you sent was too long.", "2.5 MB of text, not counting attached files")
    assert Evidence.objects.count() == before


def test_text_just_under_the_limit_reaches_the_form_and_gets_its_message(world, client_for):
    response = client_for(world.people.staff).post(_add(world), {"text": "x" * (2 * MB)})
    assert response.status_code == 200
    assert "must be 5,000 characters or fewer" in response.content.decode()


def test_a_huge_edit_leaves_the_saved_evidence_as_it_was(world, client_for):
    evidence = world.round.evidence
    response = client_for(world.people.staff).post(_edit(evidence), {"text": "y" * (20 * MB), "version": 1})
    _page_says_too_large(response)
    evidence.refresh_from_db()
    assert (evidence.text, evidence.version) == ("Keyworkers meet each resident weekly", 1)


def test_the_stage_page_answers_a_huge_post_with_413_too(world, client_for):
    url = reverse("assessments:stage-evidence", args=[world.round.round.pk])
    _page_says_too_large(client_for(world.people.staff).post(url, {"text": "x" * (20 * MB)}))


def test_a_twenty_megabyte_file_fits_the_request_and_gets_the_forms_file_error(world, client_for):
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (20 * MB))
    response = client_for(world.people.staff).post(_add(world), {"text": "", "file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The selected file must be smaller than 10 MB (it is 20.0 MB)" in html
    assert not Evidence.objects.filter(file_name="big.pdf").exists()


def test_a_file_over_the_whole_request_limit_is_a_413_page(world, client_for):
    before = Evidence.objects.count()
    upload = SimpleUploadedFile("huge.pdf", PDF + b"0" * (26 * MB))
    response = client_for(world.people.staff).post(_add(world), {"text": "Minutes", "file": upload})
    _page_says_too_large(response, "with any files in it", "25 MB", "one file can be up to 10 MB")
    assert Evidence.objects.count() == before


def test_too_many_fields_is_a_413_page(world, client_for):
    fields = {f"f{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client_for(world.people.staff).post(_add(world), fields)
    _page_says_too_large(response, "The form had too many parts.", "The most is 1,000.")


def test_the_csrf_check_does_not_turn_a_huge_form_into_a_bare_400(world):
    from openpie.accounts.tests.helpers import finish_second_step

    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(world.people.staff)
    finish_second_step(client, world.people.staff)
    _page_says_too_large(client.post(_add(world), {"text": "x" * (3 * MB)}))


@override_settings(DEBUG=True)
def test_while_debugging_it_is_still_the_413_page_not_a_traceback(world, client_for):
    _page_says_too_large(client_for(world.people.staff).post(_add(world), {"text": "x" * (3 * MB)}))


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1 * MB)
def test_the_limit_shown_is_the_one_set(world, client_for):
    _page_says_too_large(client_for(world.people.staff).post(_add(world), {"text": "x" * (2 * MB)}), "1 MB of text")


def test_django_refusing_late_still_gets_the_413_page(rf: RequestFactory):
    response = bad_request(rf.post("/somewhere/"), RequestDataTooBig("too big"))
    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()


# The API ---------------------------------------------------------------------------------------


def test_a_large_json_body_is_a_413_in_the_apis_error_shape(world):
    api = client_for_token(world.people.staff)
    before = Evidence.objects.count()
    response = api.post(f"/threads/{world.round.thread.pk}/evidence", {"text": "x" * (3 * MB)})
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    assert detail.startswith("The text you sent was too long.")
    assert "2.5 MB" in detail
    assert set(response.json()) == {"detail"}
    assert Evidence.objects.count() == before


def test_a_json_body_just_under_the_limit_reaches_the_api_and_gets_its_422(world):
    api = client_for_token(world.people.staff)
    response = api.post(f"/threads/{world.round.thread.pk}/evidence", {"text": "x" * (2 * MB)})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "text"


def test_a_body_over_the_whole_request_limit_is_a_413_on_the_api_too(world):
    api = client_for_token(world.people.staff)
    response = api.post(f"/threads/{world.round.thread.pk}/evidence", raw="[" + "1," * (13 * MB) + "1]")
    assert response.status_code == 413
    assert "25 MB" in response.json()["detail"]


def test_the_api_answers_a_late_refusal_in_its_own_shape_too(rf: RequestFactory):
    from openpie.api.api import api

    response = api.on_exception(rf.post("/api/v1/anything"), RequestDataTooBig("too big"))
    assert response.status_code == 413
    assert json.loads(response.content)["detail"].startswith("The text you sent was too long.")
