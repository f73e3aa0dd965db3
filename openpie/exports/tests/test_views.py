"""Export pages: asking from a round, the list with progress, the download for the requester only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from openpie.exports.models import ExportJob
from openpie.exports.tests.conftest import made

pytestmark = pytest.mark.django_db
Kind = ExportJob.Kind


def test_exporting_a_round_from_its_page_makes_a_download(world, people, client_for):
    client = client_for(people.staff)
    page = client.get(reverse("assessments:round", args=[world.round.round.pk])).content.decode()
    assert reverse("exports:round", args=[world.round.round.pk]) in page
    response = client.post(reverse("exports:round", args=[world.round.round.pk]), {"choice": "round:xlsx"})
    job = ExportJob.objects.get(requester=people.staff)
    assert response.url == reverse("exports:detail", args=[job.pk])
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"PK")  # a zip container: XLSX


def test_no_choice_is_a_clear_error(world, people, client_for):
    response = client_for(people.staff).post(reverse("exports:round", args=[world.round.round.pk]), {})
    assert response.status_code == 400
    assert "Choose what to export." in response.content.decode()


def test_only_the_requester_can_see_or_download_and_only_before_expiry(world, people, client_for):
    job = made(by=people.staff, kind=Kind.ROUND, fmt="csv", target=world.round.round.pk)
    for other in (people.admin, people.outsider):
        assert client_for(other).get(reverse("exports:download", args=[job.pk])).status_code == 404
        assert client_for(other).get(reverse("exports:detail", args=[job.pk])).status_code == 404
    ExportJob.objects.filter(pk=job.pk).update(expires_at=job.created_at - datetime.timedelta(seconds=1))
    assert client_for(people.staff).get(reverse("exports:download", args=[job.pk])).status_code == 404


def test_your_exports_shows_progress_and_polls_while_running(world, people, client_for):
    queued = ExportJob.objects.create(requester=people.admin, kind=Kind.REGISTER, format="csv", progress=40)
    client = client_for(people.admin)
    page = client.get(reverse("exports:list")).content.decode()
    assert '<progress id="progress-' in page
    assert 'value="40">40%</progress>' in page
    assert 'hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh"' in page  # without JavaScript the page refreshes itself
    fragment = client.get(reverse("exports:detail", args=[queued.pk]), headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()


def test_an_empty_export_says_it_has_only_headings(tree, people, client_for):
    job = made(by=people.manager, kind=Kind.SUBTREE, fmt="csv", target=tree.service.pk)
    page = client_for(people.manager).get(reverse("exports:detail", args=[job.pk])).content.decode()
    assert "Nothing to export: the file has only headings" in page
    assert "hx-trigger" not in page


def test_a_research_extract_of_an_organisation_not_taking_part_is_refused(tree, people, client_for):
    url = reverse("exports:research", args=[tree.organisation.pk])
    response = client_for(people.admin).post(url, {"choice": "research:zip"})
    assert response.status_code == 400
    assert "does not take part in research" in response.content.decode()
    assert not ExportJob.objects.exists()
