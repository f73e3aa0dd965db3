"""The round's report (HTML and tagged PDF), the blank paper form, and entering a completed paper form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpie.accounts.http import AuthedRequest
from openpie.assessments import services
from openpie.assessments.access import get_round_for_user
from openpie.assessments.forms.reports import PaperChoice, PaperEntryForm
from openpie.assessments.guidance import round_guidance
from openpie.assessments.models import Placement, Round
from openpie.assessments.reports.content import RoundReport, round_report
from openpie.assessments.reports.pdf import pdf_response
from openpie.assessments.selectors import round_threads
from openpie.assessments.views.common import round_context
from openpie.audit.services import audit_record, comments_shown, contribution_view_record


def _seen(request: AuthedRequest, round_: Round, page: str) -> RoundReport:
    """The report, recorded in the audit trail when it shows service users' comments."""
    found = round_report(round_)
    shown = comments_shown(found.overlay.overlay) if found.overlay else 0
    contribution_view_record(by=request.user, round_=round_, page=page, shown=shown)
    return found


@login_required
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.view")
    context = round_context(request, round_, current="assessments:report", report=_seen(request, round_, "report"))
    return render(request, "assessments/report.html", context)


@login_required
def report_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.view")
    context = {"round": round_, "report": _seen(request, round_, "report-pdf")}
    audit_record(actor=request.user, action="report.download", target=round_, organisation=round_.unit.organisation_id)
    name = _("%(unit)s %(title)s report") % {"unit": round_.unit.name, "title": round_.title}
    return pdf_response(request, "assessments/report_pdf.html", context, filename=name)


@login_required
def paper_pack(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.view")
    context = {"round": round_, "threads": list(round_guidance(round_=round_).values()), "today": timezone.localdate()}
    name = _("%(unit)s %(title)s paper form") % {"unit": round_.unit.name, "title": round_.title}
    return pdf_response(request, "assessments/paper_pack_pdf.html", context, filename=name)


@login_required
def paper_entry(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.record")
    summaries = round_threads(round_)
    form = PaperEntryForm(request.POST or None, summaries=summaries, framework=round_.framework)
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen()
        try:
            _record_all(chosen, by=request.user)
        except services.EditConflictError as conflict:
            form = _after_conflict(form, conflict)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            _say_saved(request, chosen)
            return redirect("assessments:stage-where", round_.pk)
    context = round_context(request, round_, current="assessments:paper-entry", form=form)
    context["breadcrumbs"].append((_("Enter a paper form"), ""))
    return render(request, "assessments/paper_entry.html", context)


@transaction.atomic
def _record_all(chosen: list[PaperChoice], *, by: object) -> None:
    """Every entered bead, or none (one conflict or a closed round leaves all as they were)."""
    for choice in chosen:
        services.placement_record(
            placement=choice.placement, version=choice.version, by=by, position=choice.position, target=choice.target
        )


def _after_conflict(form: PaperEntryForm, conflict: services.EditConflictError) -> PaperEntryForm:
    """Keep the person's entries, say what happened, and check them against the versions stored now."""
    placements = [s.placement for s in form.summaries if s.placement is not None]
    stored = dict(Placement.objects.filter(pk__in=[p.pk for p in placements]).values_list("thread_id", "version"))
    names = {p.pk: p.thread.name for p in placements}
    fresh = form.with_versions(stored)
    fresh.is_valid()
    thread = names.get(conflict.current.pk) or _("a thread")
    fresh.add_error(
        None,
        _(
            "Someone else changed the bead for %(thread)s while you were entering the paper form. Nothing has "
            "been saved yet and your entries are kept below: check them and save again."
        )
        % {"thread": thread},
    )
    return fresh


def _say_saved(request: AuthedRequest, chosen: list[PaperChoice]) -> None:
    if not chosen:
        messages.info(request, _("Nothing was entered, so no beads have changed."))
        return
    said = ngettext(
        "The paper form's beads have been recorded for %(count)s thread.",
        "The paper form's beads have been recorded for %(count)s threads.",
        len(chosen),
    )
    messages.success(request, said % {"count": len(chosen)})


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/report/", report, name="report"),
    path("rounds/<int:pk>/report.pdf", report_pdf, name="report-pdf"),
    path("rounds/<int:pk>/paper-pack.pdf", paper_pack, name="paper-pack"),
    path("rounds/<int:pk>/paper/", paper_entry, name="paper-entry"),
]
