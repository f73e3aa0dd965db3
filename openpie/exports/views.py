"""Export pages: ask for an export (from a round, a unit's overview, the register, an organisation's
research extract), see your exports with their progress, and download a finished one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.accounts.http import AuthedRequest
from openpie.assessments.reports.pdf import safe_filename
from openpie.exports import services
from openpie.exports.models import ExportJob

Kind = ExportJob.Kind
LABELS: dict[tuple[str, str], Any] = {
    (Kind.ROUND, "xlsx"): gettext_lazy("Excel workbook: a sheet per stage"),
    (Kind.ROUND, "csv"): gettext_lazy("CSV: one long table"),
    (Kind.SUBTREE, "xlsx"): gettext_lazy("Excel workbook: every unit's latest round, a sheet per stage"),
    (Kind.SUBTREE, "csv"): gettext_lazy("CSV: every unit's latest round, one long table"),
    (Kind.OVERVIEW_PDF, "pdf"): gettext_lazy("Overview report (accessible PDF)"),
    (Kind.REGISTER, "xlsx"): gettext_lazy("Excel workbook"),
    (Kind.REGISTER, "csv"): "CSV",
    (Kind.RESEARCH, "zip"): gettext_lazy("Zip of CSV files with a data dictionary"),
}


def _choices(kinds: list[str]) -> list[tuple[str, str]]:
    return [(f"{k}:{f}", LABELS[(k, f)]) for k in kinds for f in services.FORMATS[k]]


def _ask(request: AuthedRequest, *, kinds: list[str], target: int | None, title: str) -> HttpResponse:
    """The export form: GET shows the choice of formats; POST asks for the export."""
    choices = _choices(kinds)
    error = ""
    if request.method == "POST":
        chosen = request.POST.get("choice", "")
        if chosen in dict(choices):
            kind, fmt = chosen.split(":")
            try:
                job = services.export_request(by=request.user, kind=kind, fmt=fmt, target=target)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return redirect("exports:detail", job_id=job.pk)
        else:
            error = _("Choose what to export.")
    context = {
        "choices": choices,
        "title": title,
        "error": error,
        "page_title": _("Export: %(title)s") % {"title": title},
    }
    return render(request, "exports/export_form.html", context, status=400 if error else 200)


@login_required
def round_export(request: AuthedRequest, round_id: int) -> HttpResponse:
    found = services.resolve_target(request.user, Kind.ROUND, round_id)
    return _ask(request, kinds=[Kind.ROUND], target=round_id, title=found.title)


@login_required
def unit_export(request: AuthedRequest, unit_id: int) -> HttpResponse:
    """Own units: the rounds below and the overview report; a shared unit: the overview report only."""
    try:
        found = services.resolve_target(request.user, Kind.SUBTREE, unit_id)
        kinds: list[str] = [Kind.SUBTREE, Kind.OVERVIEW_PDF]
    except Http404:
        found = services.resolve_target(request.user, Kind.OVERVIEW_PDF, unit_id)
        kinds = [Kind.OVERVIEW_PDF]
    return _ask(request, kinds=kinds, target=unit_id, title=found.title)


@login_required
def register_export(request: AuthedRequest) -> HttpResponse:
    return _ask(request, kinds=[Kind.REGISTER], target=None, title=_("Barriers register"))


@login_required
def research_export(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    found = services.resolve_target(request.user, Kind.RESEARCH, organisation_id)
    return _ask(request, kinds=[Kind.RESEARCH], target=organisation_id, title=found.title)


def _own_job(request: AuthedRequest, job_id: int) -> ExportJob:
    return get_object_or_404(ExportJob.objects.for_requester(request.user), pk=job_id)


@login_required
def job_list(request: AuthedRequest) -> HttpResponse:
    jobs = list(ExportJob.objects.for_requester(request.user)[:100])
    context: dict[str, Any] = {
        "jobs": jobs,
        "running": any(j.is_running for j in jobs),
        "page_title": _("Your exports"),
    }
    return render(request, "exports/job_list.html", context)


@login_required
def job_detail(request: AuthedRequest, job_id: int) -> HttpResponse:
    """One export and its progress; with htmx only the status box (polled while it runs)."""
    job = _own_job(request, job_id)
    template = "exports/_job.html" if getattr(request, "htmx", False) else "exports/job_detail.html"
    return render(request, template, {"job": job, "page_title": str(job)})


@login_required
def download(request: AuthedRequest, job_id: int) -> FileResponse:
    """Only the person who asked, only while it has not expired; anything else is a 404."""
    job = _own_job(request, job_id)
    if not job.is_downloadable:
        raise Http404(_("No such export."))
    name = job.file.name.rsplit("/", 1)[-1]
    stem, _dot, suffix = name.rpartition(".")
    filename = safe_filename(stem, suffix=f".{suffix}")
    services.export_downloaded(job=job, by=request.user)
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
