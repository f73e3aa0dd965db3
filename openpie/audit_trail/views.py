"""The audit page for organisation admins: the trail newest first, filtered, and its export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from openpie.accounts.http import AuthedRequest
from openpie.audit_trail.access import get_audit_organisation_for_user
from openpie.audit_trail.exports import FORMATS, audit_export
from openpie.audit_trail.forms import AuditFilterForm
from openpie.audit_trail.selectors import audit_events, audit_rows
from openpie.organisations.models import Organisation

PAGE_SIZE = 50


def _query_without(request: AuthedRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _page(request: AuthedRequest, organisation: Organisation, form: AuditFilterForm) -> HttpResponse:
    """The list, or (when a filter is wrong) the errors and no rows."""
    invalid = bool(form.errors)
    events = audit_events(organisation=organisation, filters=form.filters())
    page = Paginator(events.none() if invalid else events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "form": form,
        "page": page,
        "rows": list(audit_rows(page.object_list)),
        "query": _query_without(request, "page"),
        "export_query": _query_without(request, "page", "format"),
        "page_title": _("Audit trail"),
    }
    return render(request, "audit/event_list.html", context, status=400 if invalid else 200)


@login_required
@require_GET
def audit_list(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = get_audit_organisation_for_user(request.user, pk)
    form = AuditFilterForm(request.GET or None, organisation=organisation)
    form.is_valid()
    return _page(request, organisation, form)


@login_required
@require_GET
def audit_download(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = get_audit_organisation_for_user(request.user, pk)
    form = AuditFilterForm(request.GET, organisation=organisation)
    fmt = request.GET.get("format", "csv")
    if form.is_valid() and fmt not in FORMATS:
        form.add_error(None, "Choose CSV or Excel for the export")
    if form.errors:
        return _page(request, organisation, form)
    filters = form.filters()
    events = audit_events(organisation=organisation, filters=filters)
    data, filename = audit_export(organisation=organisation, events=events, filters=filters, fmt=fmt, by=request.user)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
