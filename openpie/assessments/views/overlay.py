"""The overlay page: every voice on each thread, by group, with small groups never shown; and
recording the team's agreed position from it (with the spread of views it was agreed from).

Who may see the overlay, and when, is ``access.can_see_overlay``: when it is hidden the page
answers 403 with the reason in plain words.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_POST

from openpie.assessments.access import can_see_overlay, get_round_for_user, get_thread_for_user, require_overlay
from openpie.assessments.forms.voices import ConsensusForm, OverlayFilterForm
from openpie.assessments.models import Round, Thread
from openpie.assessments.overlay.selectors import round_overlay
from openpie.assessments.reports.overlay import overlay_view
from openpie.assessments.scale import Scale
from openpie.assessments.services import contributions
from openpie.assessments.services.edits import EditConflictError
from openpie.assessments.views.common import round_context
from openpie.assessments.views.voices import voices_links
from openpie.audit.services import comments_shown, contribution_view_record


def _hidden(request: HttpRequest, round_: Round) -> HttpResponse:
    live = contributions.live_session(round_)
    context = round_context(request, round_, current="assessments:overlay", live=live)
    context["breadcrumbs"].append(("Overlay", ""))
    return render(request, "assessments/overlay_hidden.html", context, status=403)


@login_required
@require_GET
def overlay(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    if not can_see_overlay(request.user, round_):
        return _hidden(request, round_)
    filter_form = OverlayFilterForm(request.GET or None)
    entered = filter_form.chosen()
    view = overlay_view(round_overlay(round_, entered=entered), round_)
    contribution_view_record(by=request.user, round_=round_, page="overlay", shown=comments_shown(view.overlay))
    context = round_context(
        request,
        round_,
        current="assessments:overlay",
        view=view,
        filter_form=filter_form,
        entered=entered,
        voices=voices_links(request.user, round_),
        scale_choices=_choices(Scale.of(round_.framework)),
    )
    context["breadcrumbs"].append(("Overlay", ""))
    return render(request, "assessments/overlay.html", context)


def _choices(scale: Scale) -> list[tuple[int, str]]:
    return [(p, scale.label(p)) for p in range(1, scale.count + 1)]


def _overlay_url(thread: Thread) -> str:
    return reverse("assessments:overlay", args=[thread.round_id]) + f"#overlay-{thread.key}"


@login_required
@require_POST
def consensus(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the team's agreed bead on a thread (round.record), from the overlay the scribe can see."""
    thread = get_thread_for_user(request.user, pk, action="round.record")
    round_ = thread.round
    require_overlay(request.user, round_)
    form = ConsensusForm(request.POST, scale=Scale.of(round_.framework))
    if not form.is_valid():
        problems = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(request, f"{thread.name}: the agreed position was not recorded. {' '.join(problems)}")
        return redirect(_overlay_url(thread))
    try:
        placement = contributions.consensus_record(round_=round_, thread=thread, by=request.user, **form.cleaned_data)
    except EditConflictError:
        messages.error(
            request,
            f"{thread.name}: someone else moved the team's bead while you were looking, so nothing was recorded. "
            "Check where it is now and record the agreed position again.",
        )
    except ValidationError as error:
        messages.error(request, f"{thread.name}: {' '.join(error.messages)}")
    else:
        label = Scale.of(round_.framework).label(placement.position)
        messages.success(request, f"{thread.name}: the team's agreed position is recorded at {label}.")
    return redirect(_overlay_url(thread))


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/overlay/", overlay, name="overlay"),
    path("threads/<int:pk>/consensus/", consensus, name="consensus"),
]
