"""Stage 2, "What tells us so?": evidence per thread, as text and attached files."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.assessments import services
from openpie.assessments.access import get_evidence_for_user, get_round_for_user, get_thread_for_user
from openpie.assessments.forms.stages import EvidenceForm, editing
from openpie.assessments.models import Evidence, Round, Thread
from openpie.assessments.selectors import round_threads
from openpie.assessments.services.files import ALLOWED as FILE_KINDS
from openpie.assessments.views.common import round_context
from openpie.assessments.views.edits import form_context, is_htmx_post, remove_item, save_answer, signed_in
from openpie.audit.services import audit_record
from openpie.common.forms import apply_validation_error

STAGE = "assessments:stage-evidence"


def _stage_url(thread: Thread) -> str:
    return reverse(STAGE, args=[thread.round_id]) + f"#thread-{thread.pk}"


def _edit_url(evidence: Evidence) -> str:
    return reverse("assessments:evidence-edit", args=[evidence.pk])


def _form_page(request: AuthedRequest, thread: Thread, form: EvidenceForm, title: str, **extra: Any) -> HttpResponse:
    context = form_context(request, thread.round, stage=STAGE, title=title, form=form, thread=thread, **extra)
    return render(request, "assessments/evidence_form.html", context)


def _add_form(thread: Thread, request: AuthedRequest | None = None) -> EvidenceForm:
    data, files = (request.POST, request.FILES) if request else (None, None)
    return EvidenceForm(data, files, auto_id=f"evidence-{thread.pk}-%s")


def _stage_page(
    request: AuthedRequest, round_: Round, *, bound: tuple[int, EvidenceForm] | None = None, added: int | None = None
) -> HttpResponse:
    """The stage page; ``bound`` is the add-form of one thread as sent (with its errors), ``added`` a thread
    whose add-form has just added its item (htmx swaps that thread's section out of this page)."""
    forms = dict([bound] if bound else [])
    rows = [(s, forms.get(s.thread.pk) or _add_form(s.thread)) for s in round_threads(round_)]
    for summary, _form in rows:
        for item in summary.evidence:
            item.type_label = FILE_KINDS.get(item.file_type, _("File"))  # type: ignore[attr-defined]
    context = round_context(request, round_, current=STAGE, rows=rows, added=added)
    return render(request, "assessments/stage_evidence.html", context)


@signed_in
def stage_evidence(request: AuthedRequest, pk: int) -> HttpResponse:
    return _stage_page(request, get_round_for_user(request.user, pk))


def _add_by_htmx(request: AuthedRequest, thread: Thread) -> HttpResponse:
    """Add pressed with JavaScript: the item is added and the thread's section comes back (with an empty
    add-form), or the section comes back with the add-form as sent and what to put right."""
    form = _add_form(thread, request)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_add(thread=thread, by=request.user, text=data["text"], upload=data["file"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return _stage_page(request, thread.round, added=thread.pk)
    return _stage_page(request, thread.round, bound=(thread.pk, form))


@signed_in
def evidence_add(request: AuthedRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, pk, action="round.record")
    if is_htmx_post(request):
        return _add_by_htmx(request, thread)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _form_page(request, thread, form, _("Add evidence"))
    return save_answer(
        request,
        form,
        save=lambda data: services.evidence_add(thread=thread, by=request.user, text=data["text"], upload=data["file"]),
        render_form=lambda extra: _form_page(request, thread, form, _("Add evidence"), **extra),
        edit_url=_edit_url,
        done_url=lambda evidence: _stage_url(thread),
        message=_("The evidence has been saved."),
    )


@signed_in
def evidence_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    evidence = get_evidence_for_user(request.user, pk, action="round.record")
    initial = {"text": evidence.text, "version": evidence.version}
    form = editing(EvidenceForm(request.POST or None, request.FILES or None, initial=initial))
    title = _("Change evidence")
    if request.method != "POST":
        return _form_page(request, evidence.thread, form, title, evidence=evidence)

    return save_answer(
        request,
        form,
        save=lambda data: services.evidence_update(
            evidence=evidence, version=data["version"], by=request.user, text=data["text"], upload=data["file"]
        ),
        render_form=lambda extra: _form_page(request, evidence.thread, form, title, evidence=evidence, **extra),
        edit_url=_edit_url,
        done_url=lambda saved: _stage_url(evidence.thread),
        message=_("The evidence has been saved."),
    )


@signed_in
def evidence_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    evidence = get_evidence_for_user(request.user, pk, action="round.record")

    def confirm() -> HttpResponse:
        context = form_context(request, evidence.thread.round, stage=STAGE, title=_("Remove evidence"), item=evidence)
        return render(request, "assessments/evidence_remove.html", context)

    return remove_item(
        request,
        remove=lambda: services.evidence_remove(evidence=evidence, by=request.user),
        back_url=_stage_url(evidence.thread),
        render_confirm=confirm,
    )


def _organisation(evidence: Evidence) -> int:
    return evidence.thread.round.unit.organisation_id


@signed_in
def evidence_file(request: AuthedRequest, pk: int) -> FileResponse:
    """The attached file, always as a download (never shown in the browser), to people who may see the round."""
    evidence = get_evidence_for_user(request.user, pk, action="round.view")
    if not evidence.file:
        raise Http404(_("This evidence has no file."))
    audit_record(actor=request.user, action="evidence.download", target=evidence, organisation=_organisation(evidence))
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name, content_type=evidence.file_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_cache=True)
    return response


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/evidence/", stage_evidence, name="stage-evidence"),
    path("threads/<int:pk>/evidence/add/", evidence_add, name="evidence-add"),
    path("evidence/<int:pk>/", evidence_edit, name="evidence-edit"),
    path("evidence/<int:pk>/remove/", evidence_remove, name="evidence-remove"),
    path("evidence/<int:pk>/file/", evidence_file, name="evidence-file"),
]
