"""The exports API: ask, list, follow; the standard cases."""

from __future__ import annotations

import io
import zipfile

import pytest

from openpie.api.tests.conftest import ApiClient
from openpie.exports.models import ExportJob
from openpie.exports.services import export_make
from openpie.exports.tests.conftest import ICC_ROW, csv_rows, icc_units

pytestmark = pytest.mark.django_db


def test_a_round_export_is_made_at_once_with_a_download_url(world, people, api_for):
    api = api_for(people.staff)
    response = api.post("/exports", {"kind": "round", "format": "xlsx", "target_id": world.round.round.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "done"
    assert body["download_url"] == f"/exports/{body['id']}/download/"
    assert api.get(f"/exports/{body['id']}").json()["progress"] == 100
    assert [j["id"] for j in api.get("/exports").json()["items"]] == [body["id"]]


def test_a_queued_export_has_no_download_url_yet(world, people, api_for):
    body = api_for(people.admin).post("/exports", {"kind": "register", "format": "csv"}).json()
    assert body["state"] == "queued"
    assert body["download_url"] is None


def test_the_standard_cases(world, people, api_for):
    round_id = world.round.round.pk
    assert (
        api_for(people.outsider).post("/exports", {"kind": "round", "format": "csv", "target_id": round_id}).status_code
        == 404
    )
    assert (
        api_for(people.reader).post("/exports", {"kind": "round", "format": "csv", "target_id": round_id}).status_code
        == 403
    )
    for bad in (
        {"kind": "round", "format": "pdf", "target_id": round_id},
        {"kind": "round", "format": "csv", "target_id": True},
    ):
        assert api_for(people.staff).post("/exports", bad).status_code == 422
    assert api_for(people.staff).request("DELETE", "/exports").status_code == 405
    mine = ExportJob.objects.create(requester=people.admin, kind="register", format="csv")
    assert api_for(people.staff).get(f"/exports/{mine.pk}").status_code == 404
    assert ApiClient().get("/exports").status_code == 401


def test_the_research_extract_asked_for_by_the_api_gives_icc_across_units(tree, framework, people, api_for, client_for):
    tree.organisation.research_opt_in = True
    tree.organisation.save()
    icc_units(tree, framework)
    api = api_for(people.admin)
    body = api.post("/exports", {"kind": "research", "format": "zip", "target_id": tree.organisation.pk}).json()
    export_make(job_id=body["id"])  # as the worker does
    url = api.get(f"/exports/{body['id']}").json()["download_url"]
    download = client_for(people.admin).get(url)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    rows = csv_rows(archive.read("agreement.csv"))
    assert {tuple(r[2:]) for r in rows[1:]} == {ICC_ROW}
