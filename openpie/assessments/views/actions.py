"""Stage 4, "What will we do?": the action plan (and, in stage 5, whether each action was done)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.assessments import services
from openpie.assessments.access import get_action_for_user, get_round_for_user
from openpie.assessments.extensions import EXTENSIONS
from openpie.assessments.forms.stages import ActionForm, editing
from openpie.assessments.models import Action, Round
from openpie.assessments.selectors import round_actions
from openpie.assessments.views.common import round_context
from openpie.assessments.views.edits import (
    form_context,
    is_htmx_post,
    remove_item,
    safe_next,
    save_answer,
    signed_in,
)
from openpie.common.forms import apply_validation_error

STAGE = "assessments:stage-actions"
FIELDS = ("what", "owner", "owner_name", "due_on", "status", "thread", "factor")


def _stage_url(round_: Round) -> str:
    return reverse(STAGE, args=[round_.pk])


def _edit_url(action: Action) -> str:
    return reverse("assessments:action-edit", args=[action.pk])


def _form_page(request: AuthedRequest, round_: Round, form: ActionForm, title: str, **extra: Any) -> HttpResponse:
    next_url = safe_next(request, "")
    context = form_context(request, round_, stage=STAGE, title=title, form=form, next=next_url, **extra)
    return render(request, "assessments/action_form.html", context)


def _stage_page(
    request: AuthedRequest, round_: Round, *, bound: ActionForm | None = None, added: bool = False
) -> HttpResponse:
    """The stage page; ``bound`` is the add-form as sent (with its errors), ``added`` says it has just added
    its action (htmx swaps the plan, the table and the add-form, out of this page)."""
    context = round_context(request, round_, current=STAGE, actions=round_actions(round_), added=added)
    context["related"] = EXTENSIONS.related_examples(viewer=request.user, round_=round_)
    if context["can_record"]:
        context["form"] = bound or ActionForm(round_=round_, auto_id="action-%s")
    return render(request, "assessments/stage_actions.html", context)


@signed_in
def stage_actions(request: AuthedRequest, pk: int) -> HttpResponse:
    return _stage_page(request, get_round_for_user(request.user, pk))


def _add_by_htmx(request: AuthedRequest, round_: Round) -> HttpResponse:
    """Add pressed with JavaScript: the action is added and the plan comes back (with an empty add-form), or
    the plan comes back with the add-form as sent and what to put right."""
    form = ActionForm(request.POST, round_=round_, auto_id="action-%s")
    if form.is_valid():
        try:
            services.action_add(round_=round_, by=request.user, **{f: form.cleaned_data[f] for f in FIELDS})
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return _stage_page(request, round_, added=True)
    return _stage_page(request, round_, bound=form)


@signed_in
def action_add(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.record")
    if is_htmx_post(request):
        return _add_by_htmx(request, round_)
    form = ActionForm(request.POST or None, round_=round_)
    if request.method != "POST":
        return _form_page(request, round_, form, _("Add an action"))
    return save_answer(
        request,
        form,
        save=lambda data: services.action_add(round_=round_, by=request.user, **{f: data[f] for f in FIELDS}),
        render_form=lambda extra: _form_page(request, round_, form, _("Add an action"), **extra),
        edit_url=_edit_url,
        done_url=lambda action: _stage_url(round_),
        message=_("The action has been added to the plan."),
    )


@signed_in
def action_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request.user, pk, action="round.record")
    initial = ActionForm.initial_for(action)
    form = editing(ActionForm(request.POST or None, round_=action.round, review=True, initial=initial))
    title = _("Change the action")
    if request.method != "POST":
        return _form_page(request, action.round, form, title, action=action)
    fields = (*FIELDS, "review_note")
    return save_answer(
        request,
        form,
        save=lambda data: services.action_update(
            action=action, version=data["version"], by=request.user, **{f: data[f] for f in fields}
        ),
        render_form=lambda extra: _form_page(request, action.round, form, title, action=action, **extra),
        edit_url=_edit_url,
        done_url=lambda saved: safe_next(request, _stage_url(action.round)),
        message=_("The action has been saved."),
    )


@signed_in
def action_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request.user, pk, action="round.record")

    def confirm() -> HttpResponse:
        context = form_context(request, action.round, stage=STAGE, title=_("Remove the action"), item=action)
        return render(request, "assessments/action_remove.html", context)

    return remove_item(
        request,
        remove=lambda: services.action_remove(action=action, by=request.user),
        back_url=_stage_url(action.round),
        render_confirm=confirm,
    )


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/actions/", stage_actions, name="stage-actions"),
    path("rounds/<int:pk>/actions/add/", action_add, name="action-add"),
    path("actions/<int:pk>/", action_edit, name="action-edit"),
    path("actions/<int:pk>/remove/", action_remove, name="action-remove"),
]
