"""API: ask for an export, list your exports, and follow one until its file is ready to download.

The same service and access checks as the pages: a target the person cannot see is a 404, one
they may see but not export is a 403. The download itself is the page ``exports:download``
(signed-in session), given as ``download_url`` once the job is done.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openpie.common.api_schemas import ERRORS, READ_ERRORS, BodyIn, PageQuery, page
from openpie.common.api_types import Id
from openpie.exports import services
from openpie.exports.models import ExportJob

router = Router(tags=["Exports"])


class ExportIn(BodyIn):
    kind: Literal["round", "subtree", "register", "overview_pdf", "research"] = Field(
        description="research: the pseudonymous research extract of an organisation that takes part (a zip of "
        "CSV files with a data dictionary), including agreement.csv, ICC(1) and ICC(2) across units per thread"
    )
    format: Literal["csv", "xlsx", "pdf", "zip"]
    target_id: Id | None = Field(None, ge=1, le=2**31 - 1, description="The round, unit or organisation")


class ExportOut(Schema):
    id: int
    kind: str
    format: str
    title: str
    state: str
    progress: int
    message: str
    rows: int
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime
    download_url: str | None


def _out(job: ExportJob) -> dict[str, Any]:
    fields = ("id", "kind", "format", "title", "state", "progress", "message", "rows")
    return {
        **{name: getattr(job, name) for name in fields},
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "expires_at": job.expires_at,
        "download_url": reverse("exports:download", args=[job.pk]) if job.is_downloadable else None,
    }


@router.post("/exports", response={201: ExportOut, **ERRORS}, summary="Ask for an export (one round is made at once)")
def export_create(request: HttpRequest, data: ExportIn) -> Status[dict[str, Any]]:
    job = services.export_request(by=request.user, kind=data.kind, fmt=data.format, target=data.target_id)
    return Status(201, _out(job))


class ExportPage(Schema):
    count: int
    items: list[ExportOut]


@router.get("/exports", response={200: ExportPage, **READ_ERRORS}, summary="Your exports, newest first")
def export_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    return page(ExportJob.objects.for_requester(request.user), query, _out)


@router.get("/exports/{export_id}", response={200: ExportOut, **READ_ERRORS}, summary="One of your exports")
def export_detail(request: HttpRequest, export_id: int) -> dict[str, Any]:
    job = ExportJob.objects.for_requester(request.user).filter(pk=export_id).first()
    if job is None:
        raise Http404(_("No such export."))
    return _out(job)
