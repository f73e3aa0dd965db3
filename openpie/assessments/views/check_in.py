"""The coffee-break check-in: five plain questions on one screen, saved as people type."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpie.accounts.http import AuthedRequest
from openpie.assessments import services
from openpie.assessments.access import get_round_for_user
from openpie.assessments.forms.stages import CheckInForm, editing
from openpie.assessments.models import CheckIn, Round
from openpie.assessments.views.common import round_context
from openpie.assessments.views.edits import save_answer, signed_in
from openpie.frameworks.models import Framework
from openpie.organisations.access import get_unit_for_user
from openpie.organisations.models import Organisation, Unit
from openpie.organisations.views import unit_breadcrumbs


def check_in_framework(organisation: Organisation) -> Framework | None:
    """The newest published PIEs 2.0 the organisation can use, or else the first published one it can."""
    available = Framework.objects.available_to(organisation)
    newest = available.filter(key="pies-2").order_by("-published_at", "-pk").first()
    return newest or available.first()


def _new_page(request: AuthedRequest, unit: Unit, framework: Framework | None, error: str = "") -> HttpResponse:
    context = {
        "unit": unit,
        "framework": framework,
        "error": error,
        "breadcrumbs": unit_breadcrumbs(request.user, unit, current=_("Coffee-break check-in")),
    }
    return render(request, "assessments/check_in_new.html", context)


@signed_in
def check_in_new(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, action="round.start")
    framework = check_in_framework(unit.organisation)
    if request.method != "POST" or framework is None:
        return _new_page(request, unit, framework)
    try:
        round_ = services.round_create(unit=unit, framework=framework, form=Round.Form.CHECK_IN, by=request.user)
    except ValidationError as error:
        return _new_page(request, unit, framework, error=" ".join(error.messages))
    return redirect("assessments:check-in", round_.pk)


def _page(request: AuthedRequest, round_: Round, form: CheckInForm, **extra: Any) -> HttpResponse:
    context = round_context(request, round_, current="assessments:check-in", form=form, **extra)
    return render(request, "assessments/check_in.html", context)


@signed_in
def check_in(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.record" if request.method == "POST" else "round.view")
    answers = CheckIn.objects.filter(round=round_).first()
    if answers is None:
        raise Http404(_("This round has no check-in."))
    answers.round = round_
    initial = {**{name: getattr(answers, name) for name in CheckInForm.ANSWERS}, "version": answers.version}
    form = editing(CheckInForm(request.POST or None, initial=initial))
    if request.method != "POST":
        return _page(request, round_, form, answers=answers)
    here = reverse("assessments:check-in", args=[round_.pk])
    return save_answer(
        request,
        form,
        save=lambda data: services.check_in_save(
            check_in=answers, version=data["version"], by=request.user, **{n: data[n] for n in CheckInForm.ANSWERS}
        ),
        render_form=lambda extra: _page(request, round_, form, answers=answers, **extra),
        edit_url=lambda saved: here,
        done_url=lambda saved: here,
        message=_("Your answers have been saved."),
    )


@signed_in
@require_POST
def round_grow(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.start")
    try:
        services.round_grow(round_=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:check-in", round_.pk)
    messages.success(request, _("This check-in is now a full round. Its answers stay with it."))
    return redirect("assessments:round", round_.pk)


urlpatterns: list[URLPattern] = [
    path("units/<int:unit_id>/check-in/", check_in_new, name="check-in-new"),
    path("rounds/<int:pk>/check-in/", check_in, name="check-in"),
    path("rounds/<int:pk>/grow/", round_grow, name="round-grow"),
]
