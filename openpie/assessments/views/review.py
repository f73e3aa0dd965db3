"""Stage 5, "How did it go?" (distance travelled, actions carried from last round), and "My actions"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.assessments import selectors
from openpie.assessments.access import get_round_for_user
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import ThreadSummary, round_actions, round_threads
from openpie.assessments.views.common import round_context


@dataclass
class Travelled:
    """One thread's distance travelled since the last round, with the barriers beside it."""

    summary: ThreadSummary
    distance: str
    moved: int | None


def _travelled(summary: ThreadSummary, scale: Scale) -> Travelled:
    placement = summary.placement
    position = placement.position if placement else None
    previous = placement.previous_position if placement else None
    moved = placement.distance if placement else None
    return Travelled(summary=summary, distance=scale.distance(previous, position), moved=moved)


@login_required
def stage_review(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    scale = Scale.of(round_.framework)
    context = round_context(
        request,
        round_,
        current="assessments:stage-review",
        rows=[_travelled(s, scale) for s in round_threads(round_)],
        carried=[a for a in round_actions(round_) if a.carried_from_id],
    )
    return render(request, "assessments/stage_review.html", context)


@login_required
def my_actions(request: AuthedRequest) -> HttpResponse:
    actions = list(selectors.my_actions(request.user))
    open_actions = sorted((a for a in actions if a.is_open), key=lambda a: (a.due_on is None, a.due_on or date.max))
    context = {
        "page_title": _("My actions"),
        "open_actions": open_actions,
        "closed_actions": [a for a in actions if not a.is_open],
    }
    return render(request, "assessments/my_actions.html", context)


urlpatterns = [
    path("rounds/<int:pk>/review/", stage_review, name="stage-review"),
    path("my-actions/", my_actions, name="my-actions"),
]
