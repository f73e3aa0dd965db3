"""Asking for exports: access now and again when the job runs, failures that leave no file, research opt-in."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from openpie.exports.models import ExportJob
from openpie.exports.services import export_make, export_request
from openpie.exports.tests.conftest import made
from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units
from openpie.sharing import services as sharing
from openpie.sharing.tests.conftest import make_county

pytestmark = pytest.mark.django_db
Kind = ExportJob.Kind


def test_one_round_is_made_inline_and_the_rest_are_queued(world, people):
    job = export_request(by=people.staff, kind=Kind.ROUND, fmt="csv", target=world.round.round.pk)
    assert job.state == ExportJob.State.DONE
    assert job.file
    queued = export_request(by=people.admin, kind=Kind.REGISTER, fmt="csv", target=None)
    assert queued.state == ExportJob.State.QUEUED
    assert not queued.file


def test_a_failing_job_leaves_no_file_and_says_so(world, people):
    job = export_request(by=people.admin, kind=Kind.REGISTER, fmt="xlsx", target=None)
    with mock.patch("openpie.exports.builders.register.write_xlsx", side_effect=RuntimeError("disk full")):
        export_make(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert not job.file
    assert "Nothing was saved" in job.message


def test_outsiders_and_read_only_members_cannot_ask(world, people):
    with pytest.raises(Http404):
        export_request(by=people.outsider, kind=Kind.ROUND, fmt="csv", target=world.round.round.pk)
    with pytest.raises(PermissionDenied):
        export_request(by=people.reader, kind=Kind.ROUND, fmt="csv", target=world.round.round.pk)
    with pytest.raises(ValidationError):
        export_request(by=people.admin, kind=Kind.ROUND, fmt="pdf", target=world.round.round.pk)


@pytest.fixture
def shared(tree, framework, people):
    units = bulk_units(tree.service, 12)
    bulk_rounds(units, framework, beads=Beads(position=9))
    county = make_county()
    asked = sharing.grant_request(
        grantee=county.organisation, unit=tree.locality, scope="overview", by=county.commissioner
    )
    return county, sharing.grant_accept(grant=asked, by=people.admin)


def test_a_commissioner_with_an_overview_grant_exports_the_shared_overview(shared, tree):
    county, _grant = shared
    job = made(by=county.commissioner, kind=Kind.OVERVIEW_PDF, fmt="pdf", target=tree.locality.pk)
    assert job.state == ExportJob.State.DONE, job.message
    with pytest.raises(Http404):  # the rounds themselves stay with the service
        export_request(by=county.commissioner, kind=Kind.SUBTREE, fmt="csv", target=tree.locality.pk)
    with pytest.raises(Http404):  # nothing above the shared unit
        export_request(by=county.commissioner, kind=Kind.OVERVIEW_PDF, fmt="pdf", target=tree.root.pk)


def test_without_a_grant_or_after_revocation_a_commissioner_gets_nothing(shared, tree, people):
    county, grant = shared
    job = export_request(by=county.commissioner, kind=Kind.OVERVIEW_PDF, fmt="pdf", target=tree.locality.pk)
    sharing.grant_revoke(grant=grant, by=people.admin)
    export_make(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert not job.file
    assert "access was removed" in job.message
    with pytest.raises(Http404):
        export_request(by=county.commissioner, kind=Kind.OVERVIEW_PDF, fmt="pdf", target=tree.locality.pk)


def test_the_research_extract_needs_an_organisation_that_takes_part(tree, people):
    with pytest.raises(ValidationError, match="does not take part in research"):
        export_request(by=people.admin, kind=Kind.RESEARCH, fmt="zip", target=tree.organisation.pk)
    with pytest.raises(PermissionDenied):
        export_request(by=people.manager, kind=Kind.RESEARCH, fmt="zip", target=tree.organisation.pk)
    tree.organisation.research_opt_in = True
    tree.organisation.save()
    job = export_request(by=people.admin, kind=Kind.RESEARCH, fmt="zip", target=tree.organisation.pk)
    tree.organisation.research_opt_in = False  # withdrawn before the worker got to it
    tree.organisation.save()
    export_make(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == ExportJob.State.FAILED
    assert "does not take part" in job.message
