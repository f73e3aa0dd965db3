"""Data-rights pages: your data, a member's data (and erasing their account), retention rules,
and the privacy notice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from openpie.accounts.http import AuthedRequest
from openpie.accounts.models import User
from openpie.assessments.reports.pdf import safe_filename
from openpie.common.forms import apply_validation_error
from openpie.organisations.access import get_organisation_for_user, organisation_root
from openpie.organisations.models import Organisation
from openpie.privacy import services
from openpie.privacy.access import get_person_for_user
from openpie.privacy.forms import EraseForm, RetentionForm
from openpie.privacy.services.retention import retention_policy_for

MAKERS = {
    "json": (services.subject_access_json, "application/json"),
    "pdf": (services.subject_access_pdf, "application/pdf"),
}


def _copy(person: User, by: User, fmt: str, organisation: Organisation | None) -> HttpResponse:
    if fmt not in MAKERS:
        raise Http404(_("No such format."))
    make, content_type = MAKERS[fmt]
    response = HttpResponse(make(person=person, by=by, organisation=organisation), content_type=content_type)
    name = safe_filename(f"openpie data {person.pk} {timezone.localdate():%Y-%m-%d}", suffix=f".{fmt}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def your_data(request: AuthedRequest) -> HttpResponse:
    return render(
        request, "privacy/your_data.html", {"person": request.user, "own": True, "page_title": _("Your data")}
    )


@login_required
@require_GET
def your_data_download(request: AuthedRequest, fmt: str) -> HttpResponse:
    return _copy(request.user, request.user, fmt, None)


@login_required
@require_GET
def person_data(request: AuthedRequest, pk: int) -> HttpResponse:
    person, _organisation = get_person_for_user(request.user, pk)
    context = {"person": person, "own": False, "page_title": _("Data about %(name)s") % {"name": person}}
    return render(request, "privacy/your_data.html", context)


@login_required
@require_GET
def person_data_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    person, organisation = get_person_for_user(request.user, pk)
    return _copy(person, request.user, fmt, organisation)


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: AuthedRequest, pk: int) -> HttpResponse:
    person, organisation = get_person_for_user(request.user, pk, erase=True)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(person=person, by=request.user, organisation=organisation)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("The account has been erased. What they contributed still counts, without them.")
            )
            return redirect("organisations:unit", _top_unit(organisation)) if organisation else redirect("home:home")
    context = {"person": person, "form": form, "page_title": _("Erase %(name)s's account") % {"name": person}}
    return render(request, "privacy/erase_confirm.html", context)


def _top_unit(organisation: Organisation) -> int:
    return organisation_root(organisation).pk


@login_required
@require_http_methods(["GET", "POST"])
def retention(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, action="organisation.change")
    form = RetentionForm(
        request.POST if request.method == "POST" else None, instance=retention_policy_for(organisation)
    )
    if request.method == "POST" and form.is_valid():
        services.retention_set(organisation=organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("The rules are saved. They are applied every day."))
        return redirect("privacy:retention", organisation.pk)
    context = {"organisation": organisation, "form": form, "page_title": _("Keeping data")}
    return render(request, "privacy/retention_form.html", context)


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/notice.html", {"page_title": _("Privacy notice")})
