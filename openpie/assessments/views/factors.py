"""Stage 3, "What helps, what hinders?": factors per thread; outside-control hindrances are barriers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.assessments import services
from openpie.assessments.access import get_factor_for_user, get_round_for_user, get_thread_for_user
from openpie.assessments.extensions import EXTENSIONS
from openpie.assessments.forms.stages import FactorForm, editing
from openpie.assessments.models import Factor, Round, Thread
from openpie.assessments.selectors import round_threads
from openpie.assessments.views.common import round_context
from openpie.assessments.views.edits import form_context, is_htmx_post, remove_item, save_answer, signed_in
from openpie.common.forms import apply_validation_error
from openpie.frameworks.models import BarrierKind

STAGE = "assessments:stage-factors"
FIELDS = ("effect", "control", "text", "barrier_kind", "flag_managers", "funder", "shareable")


def _kinds(round_: Round) -> list[BarrierKind]:
    return list(BarrierKind.objects.filter(framework_id=round_.framework_id).order_by("position"))


def _stage_url(thread: Thread) -> str:
    return reverse(STAGE, args=[thread.round_id]) + f"#thread-{thread.pk}"


def _edit_url(factor: Factor) -> str:
    return reverse("assessments:factor-edit", args=[factor.pk])


def _form_page(request: AuthedRequest, thread: Thread, form: FactorForm, title: str, **extra: Any) -> HttpResponse:
    context = form_context(request, thread.round, stage=STAGE, title=title, form=form, thread=thread, **extra)
    return render(request, "assessments/factor_form.html", context)


def _add_form(thread: Thread, kinds: list[BarrierKind], request: AuthedRequest | None = None) -> FactorForm:
    data = request.POST if request else None
    return FactorForm(data, barrier_kinds=kinds, auto_id=f"factor-{thread.pk}-%s")


def _stage_page(
    request: AuthedRequest, round_: Round, *, bound: tuple[int, FactorForm] | None = None, added: int | None = None
) -> HttpResponse:
    """The stage page; ``bound`` is the add-form of one thread as sent (with its errors), ``added`` a thread
    whose add-form has just added its item (htmx swaps that thread's section out of this page)."""
    kinds = _kinds(round_)
    forms = dict([bound] if bound else [])
    rows = [(s, forms.get(s.thread.pk) or _add_form(s.thread, kinds)) for s in round_threads(round_)]
    calls = EXTENSIONS.calls_for_units(units=[round_.unit])
    context = round_context(request, round_, current=STAGE, rows=rows, calls=calls, added=added)
    return render(request, "assessments/stage_factors.html", context)


@signed_in
def stage_factors(request: AuthedRequest, pk: int) -> HttpResponse:
    return _stage_page(request, get_round_for_user(request.user, pk))


def _add_by_htmx(request: AuthedRequest, thread: Thread) -> HttpResponse:
    """Add pressed with JavaScript: the factor is added and the thread's section comes back (with an empty
    add-form), or the section comes back with the add-form as sent and what to put right."""
    form = _add_form(thread, _kinds(thread.round), request)
    if form.is_valid():
        try:
            services.factor_add(thread=thread, by=request.user, **{f: form.cleaned_data[f] for f in FIELDS})
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return _stage_page(request, thread.round, added=thread.pk)
    return _stage_page(request, thread.round, bound=(thread.pk, form))


@signed_in
def factor_add(request: AuthedRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, pk, action="round.record")
    if is_htmx_post(request):
        return _add_by_htmx(request, thread)
    form = FactorForm(request.POST or None, barrier_kinds=_kinds(thread.round))
    title = _("Add what helps or hinders")
    if request.method != "POST":
        return _form_page(request, thread, form, title)
    return save_answer(
        request,
        form,
        save=lambda data: services.factor_add(thread=thread, by=request.user, **{f: data[f] for f in FIELDS}),
        render_form=lambda extra: _form_page(request, thread, form, title, **extra),
        edit_url=_edit_url,
        done_url=lambda factor: _stage_url(thread),
        message=_("Saved. Barriers are shown to the people you chose to tell."),
    )


@signed_in
def factor_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    factor = get_factor_for_user(request.user, pk, action="round.record")
    kinds = _kinds(factor.thread.round)
    form = editing(FactorForm(request.POST or None, barrier_kinds=kinds, initial=FactorForm.initial_for(factor)))
    title = _("Change what helps or hinders")
    if request.method != "POST":
        return _form_page(request, factor.thread, form, title, factor=factor)
    return save_answer(
        request,
        form,
        save=lambda data: services.factor_update(
            factor=factor, version=data["version"], by=request.user, **{f: data[f] for f in FIELDS}
        ),
        render_form=lambda extra: _form_page(request, factor.thread, form, title, factor=factor, **extra),
        edit_url=_edit_url,
        done_url=lambda saved: _stage_url(factor.thread),
        message="Saved.",
    )


@signed_in
def factor_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    factor = get_factor_for_user(request.user, pk, action="round.record")

    def confirm() -> HttpResponse:
        context = form_context(request, factor.thread.round, stage=STAGE, title=_("Remove"), item=factor)
        return render(request, "assessments/factor_remove.html", context)

    return remove_item(
        request,
        remove=lambda: services.factor_remove(factor=factor, by=request.user),
        back_url=_stage_url(factor.thread),
        render_confirm=confirm,
    )


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/factors/", stage_factors, name="stage-factors"),
    path("threads/<int:pk>/factors/add/", factor_add, name="factor-add"),
    path("factors/<int:pk>/", factor_edit, name="factor-edit"),
    path("factors/<int:pk>/remove/", factor_remove, name="factor-remove"),
]
