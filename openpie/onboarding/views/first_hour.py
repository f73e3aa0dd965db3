"""A new organisation admin's guided first hour: the task list, the levels, and the two CSV imports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpie.accounts.http import AuthedRequest
from openpie.common.forms import apply_validation_error
from openpie.onboarding.forms import CsvImportForm, LevelsForm
from openpie.onboarding.selectors import first_hour
from openpie.onboarding.services import people_import, units_import
from openpie.onboarding.services.levels import organisation_levels_set
from openpie.organisations.access import get_organisation_for_user, organisation_root
from openpie.organisations.models import Organisation


@login_required
def task_list(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, action="organisation.change")
    tasks = first_hour(organisation=organisation, user=request.user)
    context = {
        "organisation": organisation,
        "top": organisation_root(organisation),
        "tasks": tasks,
        "done": sum(task.done for task in tasks),
    }
    return render(request, "onboarding/task_list.html", context)


@login_required
def levels(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, action="organisation.change")
    initial = {f"level_{n}": name for n, name in enumerate(organisation.level_names or [], start=1)}
    form = LevelsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_levels_set(organisation=organisation, names=form.names(), by=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The names of your levels have been saved."))
            return redirect("onboarding:tasks", organisation.pk)
    return render(request, "onboarding/levels_form.html", {"form": form, "organisation": organisation})


def _import_context(form: CsvImportForm, organisation: Organisation, planned: list[Any]) -> dict[str, Any]:
    """What an import page shows: the form, or the rows to check (with the text to send again)."""
    text = form.cleaned_data["text"] if planned else form.data.get("text", "")
    return {"form": form, "organisation": organisation, "planned": planned, "text": text}


@login_required
def units_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload or paste, check the rows, then add them: every row checked first, all or nothing."""
    organisation = get_organisation_for_user(request.user, pk, action="unit.add")
    form = CsvImportForm(request.POST or None, request.FILES or None)
    planned: list[Any] = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            if "confirm" in request.POST:
                made = units_import.units_import(organisation=organisation, text=text, by=request.user)
                messages.success(
                    request,
                    ngettext("%(count)s unit has been added.", "%(count)s units have been added.", len(made))
                    % {"count": len(made)},
                )
                return redirect("onboarding:tasks", organisation.pk)
            planned = units_import.units_check(organisation=organisation, text=text)
        except ValidationError as error:
            apply_validation_error(form, error)
    return render(request, "onboarding/units_import.html", _import_context(form, organisation, planned))


@login_required
def people_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload or paste, check the rows, then send the invitations: all or nothing."""
    organisation = get_organisation_for_user(request.user, pk, action="member.invite")
    form = CsvImportForm(request.POST or None, request.FILES or None)
    planned: list[Any] = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            if "confirm" in request.POST:
                sent = people_import.people_import(organisation=organisation, text=text, by=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s invitation has been emailed.", "%(count)s invitations have been emailed.", len(sent)
                    )
                    % {"count": len(sent)},
                )
                return redirect("onboarding:tasks", organisation.pk)
            planned = people_import.people_check(organisation=organisation, text=text, by=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
    return render(request, "onboarding/people_import.html", _import_context(form, organisation, planned))


def _template(name: str, text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def units_template(request: AuthedRequest, pk: int) -> HttpResponse:
    get_organisation_for_user(request.user, pk, action="unit.add")
    return _template("units.csv", units_import.TEMPLATE)


@login_required
def people_template(request: AuthedRequest, pk: int) -> HttpResponse:
    get_organisation_for_user(request.user, pk, action="member.invite")
    return _template("people.csv", people_import.TEMPLATE)
