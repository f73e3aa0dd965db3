"""Pages of locality calls: a commissioner's calls (and starting one), and a call's tracker."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from openpie.accounts.http import AuthedRequest
from openpie.barriers import calls
from openpie.barriers.forms import CallForm
from openpie.common.forms import apply_validation_error


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Home"), reverse("home:home")), (_("Barriers register"), reverse("barriers:register")), *extra]


@login_required
@require_http_methods(["GET", "POST"])
def call_list(request: AuthedRequest) -> HttpResponse:
    organisations = calls.calling_organisations(request.user)
    if not organisations:
        raise PermissionDenied(_("Only a commissioner can start a locality call (call.start)."))
    form = CallForm(request.POST or None, areas=list(calls.call_areas(request.user)))
    if request.method == "POST" and form.is_valid():
        try:
            call = calls.call_start(organisation=organisations[0], by=request.user, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            count = call.services.count()
            messages.success(
                request,
                ngettext("The call has gone to %(count)d service.", "The call has gone to %(count)d services.", count)
                % {"count": count},
            )
            return redirect("barriers:call", call.pk)
    context = {
        "page_title": _("Locality calls"),
        "form": form,
        "calls": calls.calls_of(organisations),
        "section": "barriers",
        "breadcrumbs": _crumbs((_("Locality calls"), "")),
    }
    return render(request, "barriers/call_list.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def call_detail(request: AuthedRequest, call_id: int) -> HttpResponse:
    call = calls.get_call_for_user(request.user, call_id)
    rows = calls.call_tracker(call=call)
    context = {
        "page_title": _("Call for barriers by %(date)s") % {"date": date_format(call.answer_by, "j F Y")},
        "call": call,
        "rows": rows,
        "answered": sum(1 for r in rows if r.answered),
        "section": "barriers",
        "breadcrumbs": _crumbs((_("Locality calls"), reverse("barriers:calls")), (_("This call"), "")),
    }
    return render(request, "barriers/call_detail.html", context)
