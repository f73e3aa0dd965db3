"""The questions, one to a page, the check-your-answers page and the code page: the same by link or by proxy."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openpie.assessments.models import Contribution, Placement, Thread
from openpie.common.forms import apply_validation_error
from openpie.participation import services
from openpie.participation.forms import AnswerForm
from openpie.participation.views.common import (
    Journey,
    easy_answer,
    easy_track,
    picture_for,
    question_text,
    remember_code,
    remembered,
    simple_track,
)


def _threads(journey: Journey) -> list[Thread]:
    return list(journey.round.threads.order_by("position"))


def _render(request: HttpRequest, journey: Journey, template: str, **context: Any) -> HttpResponse:
    return render(request, f"participation/{template}", {"journey": journey, "round": journey.round, **context})


def _answering(request: HttpRequest, journey: Journey) -> Contribution | HttpResponse:
    """The contribution being answered, or where to send the person instead."""
    contribution, _code = remembered(request, journey)
    if contribution is None:
        return redirect(journey.start_url)
    if contribution.state != Contribution.State.STARTED:
        return redirect(journey.url("done"))
    return contribution


def question(request: HttpRequest, journey: Journey, number: int) -> HttpResponse:
    contribution = _answering(request, journey)
    if isinstance(contribution, HttpResponse):
        return contribution
    threads = _threads(journey)
    if not 1 <= number <= len(threads):
        raise Http404(_("No such question."))
    thread = threads[number - 1]
    placement = Placement.objects.filter(contribution=contribution, thread=thread).first()
    initial = {"position": placement.position, "comment": placement.comment} if placement else {}
    count = journey.round.framework.position_count
    form = AnswerForm(request.POST or None, initial=initial, count=count, follow_up=thread.easy_read_follow_up)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_answer(
                contribution=contribution,
                thread=thread,
                position=form.cleaned_data["position"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            going_back = "back" in request.POST
            if going_back:
                return redirect(journey.url("question", number - 1) if number > 1 else journey.start_url)
            return redirect(journey.url("question", number + 1) if number < len(threads) else journey.url("check"))
    chosen = form["position"].value()
    mine = int(chosen) if str(chosen or "").isdigit() else None
    return _render(
        request,
        journey,
        "question.html",
        form=form,
        thread=thread,
        question=question_text(thread),
        number=number,
        total=len(threads),
        track=None if journey.simple else easy_track(journey.round, mine),
        faces=simple_track(journey.round, mine) if journey.simple else None,
        picture=picture_for(thread),
        page_title=_("Question %(number)d of %(total)d") % {"number": number, "total": len(threads)},
    )


def check(request: HttpRequest, journey: Journey) -> HttpResponse:
    contribution = _answering(request, journey)
    if isinstance(contribution, HttpResponse):
        return contribution
    error = ""
    if request.method == "POST":
        try:
            code = services.participation_finish(contribution=contribution)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if code is not None:
                remember_code(request, code)
            return redirect(journey.url("done"))
    placements = {p.thread_id: p for p in Placement.objects.filter(contribution=contribution)}
    rows = [
        {
            "number": number,
            "question": question_text(thread),
            "answer": easy_answer(
                journey.round, getattr(placements.get(thread.pk), "position", None), simple=journey.simple
            ),
            "comment": getattr(placements.get(thread.pk), "comment", ""),
            "change_url": journey.url("question", number),
        }
        for number, thread in enumerate(_threads(journey), start=1)
    ]
    return _render(
        request,
        journey,
        "check.html",
        rows=rows,
        contribution=contribution,
        error=error,
        page_title=_("Check your answers"),
    )


def done(request: HttpRequest, journey: Journey) -> HttpResponse:
    contribution, code = remembered(request, journey)
    if contribution is None or contribution.state == Contribution.State.STARTED:
        return redirect(journey.start_url)
    return _render(request, journey, "done.html", code=code, contribution=contribution, page_title=_("Thank you"))
