"""The unit's rounds, starting one, the overview (a task list), state changes and the next round."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from openpie.accounts.http import AuthedRequest
from openpie.assessments import services
from openpie.assessments.access import get_round_for_user
from openpie.assessments.forms.rounds import RoundNextForm, RoundStartForm, default_framework
from openpie.assessments.models import Round
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import STAGES, ThreadSummary, round_threads
from openpie.assessments.views.common import round_context
from openpie.common.forms import apply_validation_error
from openpie.frameworks.models import Framework
from openpie.frameworks.selectors import framework_for
from openpie.organisations.access import can, get_unit_for_user, require
from openpie.organisations.models import Unit
from openpie.organisations.views import unit_breadcrumbs

State = Round.State


@dataclass(frozen=True)
class Move:
    """A state change a person can ask for from the overview."""

    to: str
    button: StrOrPromise
    done: StrOrPromise
    action: str
    from_state: str
    service: Callable[..., Round]
    warning: bool = False


_MOVES = (
    Move(
        to="open",
        button=gettext_lazy("Open the round"),
        done=gettext_lazy("The round is open: the team can now record what it agrees."),
        action="round.start",
        from_state=State.DRAFT,
        service=services.round_open,
    ),
    Move(
        to="in_review",
        button=gettext_lazy("Send for review"),
        done=gettext_lazy(
            "The round has been sent for review. What it records is kept still while it is read and agreed."
        ),
        action="round.start",
        from_state=State.OPEN,
        service=services.round_submit,
    ),
    Move(
        to="reopen",
        button=gettext_lazy("Reopen for changes"),
        done=gettext_lazy("The round is open again for changes."),
        action="round.start",
        from_state=State.IN_REVIEW,
        service=services.round_reopen,
    ),
    Move(
        to="closed",
        button=gettext_lazy("Close the round"),
        done=gettext_lazy("The round is closed and kept as a record. You can now open the next round."),
        action="round.close",
        from_state=State.IN_REVIEW,
        service=services.round_close,
        warning=True,
    ),
)
MOVES = {m.to: m for m in _MOVES}


@dataclass
class ThreadRow:
    """One thread on the overview: the bead in words, barriers beside it, and a task per stage."""

    summary: ThreadSummary
    position: str
    target: str
    tasks: list[tuple[StrOrPromise, str, bool]]  # (label, href, done)


def _thread_rows(round_: Round) -> list[ThreadRow]:
    scale = Scale.of(round_.framework)
    stage_urls = {key: reverse(f"assessments:stage-{key}", args=[round_.pk]) for key, _label in STAGES}
    rows = []
    for summary in round_threads(round_):
        placement, anchor = summary.placement, f"#thread-{summary.thread.key}"
        tasks: list[tuple[StrOrPromise, str, bool]] = [
            (label, stage_urls[key] + anchor, summary.done[key]) for key, label in STAGES if key in summary.done
        ]
        rows.append(
            ThreadRow(
                summary=summary,
                position=scale.label(placement.position if placement else None),
                target=scale.label(placement.target) if placement and placement.target else "",
                tasks=tasks,
            )
        )
    return rows


def _themes_opened(rows: list[ThreadRow]) -> list[str]:
    """A drill-down round's themes, as worded when the round began, in the round's order."""
    return list(dict.fromkeys(row.summary.thread.theme_name for row in rows if row.summary.thread.theme_name))


def _next_round(round_: Round) -> Round | None:
    return Round.objects.filter(previous=round_).first()


@login_required
def round_list(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, action="round.view")
    context = {
        "unit": unit,
        "rounds": Round.objects.visible_to(request.user).filter(unit=unit),
        "can_start": can(request.user, "round.start", unit),
        "breadcrumbs": unit_breadcrumbs(request.user, unit, current="Rounds"),
    }
    return render(request, "assessments/round_list.html", context)


def _start_form(request: AuthedRequest, unit: Unit, frameworks: QuerySet[Framework]) -> RoundStartForm:
    chosen = str(request.POST.get("framework", ""))
    framework = frameworks.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    framework = framework or default_framework(frameworks)
    themes = framework_for(framework, unit.organisation, unit) if framework else []
    initial = {"form": Round.Form.SHORT, "framework": framework}
    return RoundStartForm(request.POST or None, initial=initial, frameworks=frameworks, themes=themes)


@login_required
def round_new(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, action="round.start")
    form = _start_form(request, unit, Framework.objects.published().available_to(unit.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(unit=unit, by=request.user, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” has been started as a draft. Open it when the team is ready.") % {"title": round_.title},
            )
            return redirect("assessments:round", round_.pk)
    crumbs = unit_breadcrumbs(request.user, unit)
    crumbs += [(_("Rounds"), reverse("assessments:round-list", args=[unit.pk])), (_("Start a round"), "")]
    return render(request, "assessments/round_form.html", {"form": form, "unit": unit, "breadcrumbs": crumbs})


@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    moves = [m for m in MOVES.values() if m.from_state == round_.state and can(request.user, m.action, round_.unit)]
    rows = _thread_rows(round_)
    context = round_context(
        request,
        round_,
        current="assessments:round",
        rows=rows,
        themes_opened=_themes_opened(rows) if round_.form == Round.Form.DRILL_DOWN else [],
        moves=moves,
        next_round=_next_round(round_) if round_.state == State.CLOSED else None,
    )
    return render(request, "assessments/round_detail.html", context)


@login_required
@require_POST
def round_state(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    move = MOVES.get(str(request.POST.get("to", "")))
    if move is None:
        messages.error(request, _("Choose one of the changes shown on the page. Nothing has changed."))
        return redirect("assessments:round", round_.pk)
    require(request.user, move.action, round_.unit)
    try:
        move.service(round_=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, _("%(problem)s Nothing has changed.") % {"problem": " ".join(error.messages)})
    else:
        messages.success(request, move.done)
    return redirect("assessments:round", round_.pk)


@login_required
def round_next(request: AuthedRequest, pk: int) -> HttpResponse:
    previous = get_round_for_user(request.user, pk, action="round.start")
    form = RoundNextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_next(previous=previous, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” has been started. Last round's beads show as faint beads.") % {"title": round_.title},
            )
            return redirect("assessments:stage-where", round_.pk)
    context: dict[str, Any] = round_context(
        request, previous, current="assessments:round-next", form=form, next_round=_next_round(previous)
    )
    context["breadcrumbs"].append((_("Open the next round"), ""))
    return render(request, "assessments/round_next.html", context)


urlpatterns = [
    path("units/<int:unit_id>/rounds/", round_list, name="round-list"),
    path("units/<int:unit_id>/rounds/new/", round_new, name="round-new"),
    path("rounds/<int:pk>/", round_detail, name="round"),
    path("rounds/<int:pk>/state/", round_state, name="round-state"),
    path("rounds/<int:pk>/next/", round_next, name="round-next"),
]
