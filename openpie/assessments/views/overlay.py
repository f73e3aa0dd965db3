"""The overlay pages: every voice on each thread, by group, with small groups never shown; and
recording the team's agreed position from it (with the spread of views it was agreed from).

The overlay page is a compact board (one row per thread: the groups' beads, their medians, the
agreed position placed on the line); each thread's details open in place or on a page of their
own (``overlay_thread``), which works without JavaScript. Who may see the overlay, and when, is
``access.can_see_overlay``: when it is hidden the page answers 403 with the reason in plain words.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openpie.assessments.access import can_see_overlay, get_round_for_user, get_thread_for_user, require_overlay
from openpie.assessments.forms.voices import ConsensusForm, OverlayFilterForm
from openpie.assessments.models import Round, Thread
from openpie.assessments.overlay.selectors import round_overlay
from openpie.assessments.reports.overlay import overlay_view
from openpie.assessments.scale import Scale
from openpie.assessments.services import contributions
from openpie.assessments.services.edits import EditConflictError
from openpie.assessments.views.beads import fetch_aware, is_fetch
from openpie.assessments.views.common import round_context
from openpie.assessments.views.voice_links import voices_links
from openpie.audit.services import comments_shown, contribution_view_record


def _hidden(request: HttpRequest, round_: Round) -> HttpResponse:
    live = contributions.live_session(round_)
    context = round_context(request, round_, current="assessments:overlay", live=live)
    context["breadcrumbs"].append(("Overlay", ""))
    return render(request, "assessments/overlay_hidden.html", context, status=403)


def _overlay_context(request: HttpRequest, round_: Round, filter_form: OverlayFilterForm) -> dict[str, Any]:
    entered = filter_form.chosen()
    view = overlay_view(round_overlay(round_, entered=entered), round_)
    contribution_view_record(by=request.user, round_=round_, page="overlay", shown=comments_shown(view.overlay))
    return round_context(
        request,
        round_,
        current="assessments:overlay",
        view=view,
        filter_form=filter_form,
        entered=entered,
        voices=voices_links(request.user, round_),
    )


@login_required
@require_GET
def overlay(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    if not can_see_overlay(request.user, round_):
        return _hidden(request, round_)
    context = _overlay_context(request, round_, OverlayFilterForm(request.GET or None))
    context["breadcrumbs"].append(("Overlay", ""))
    return render(request, "assessments/overlay.html", context)


@login_required
@require_GET
def overlay_thread(request: HttpRequest, pk: int) -> HttpResponse:
    """One thread's details on a page of its own: the figures, the gap, the words, the barriers."""
    thread = get_thread_for_user(request.user, pk)
    round_ = thread.round
    if not can_see_overlay(request.user, round_):
        return _hidden(request, round_)
    context = _overlay_context(request, round_, OverlayFilterForm(request.GET or None))
    found = next((t for t in context["view"].threads if t.thread.pk == thread.pk), None)
    if found is None:
        raise Http404(_("This thread is not part of the round."))
    context["t"] = found
    context["breadcrumbs"] += [("Overlay", reverse("assessments:overlay", args=[round_.pk])), (thread.name, "")]
    return render(request, "assessments/overlay_thread.html", context)


def _overlay_url(thread: Thread) -> str:
    return reverse("assessments:overlay", args=[thread.round_id]) + f"#overlay-{thread.key}"


def _answer(scale: Scale, *, version: int, position: int | None) -> JsonResponse:
    return JsonResponse({"version": version, "position": position, "target": None, "label": scale.label(position)})


@fetch_aware
@require_POST
def consensus(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the team's agreed bead on a thread (round.record), from the overlay the scribe can see.

    A page posts the form and is sent back to the overlay with a message; the board's bead control
    (``static/js/beads.js``) posts with ``X-Requested-With: fetch`` and gets JSON, as stage 1 does.
    """
    thread = get_thread_for_user(request.user, pk, action="round.record")
    round_ = thread.round
    require_overlay(request.user, round_)
    scale = Scale.of(round_.framework)
    form = ConsensusForm(request.POST, scale=scale)
    if not form.is_valid():
        if is_fetch(request):
            return JsonResponse({"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400)
        problems = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(
            request,
            _("%(thread)s: the agreed position was not recorded. %(problems)s")
            % {"thread": thread.name, "problems": " ".join(problems)},
        )
        return redirect(_overlay_url(thread))
    try:
        placement = contributions.consensus_record(round_=round_, thread=thread, by=request.user, **form.cleaned_data)
    except EditConflictError as conflict:
        message = _(
            "%(thread)s: someone else moved the team's bead while you were looking, so nothing was recorded. "
            "Check where it is now and record the agreed position again."
        ) % {"thread": thread.name}
        if is_fetch(request):
            current: Any = conflict.current
            body = {"conflict": True, "message": message, "version": current.version, "position": current.position}
            return JsonResponse({**body, "target": None, "label": scale.label(current.position)}, status=409)
        messages.error(request, message)
    except ValidationError as error:
        if is_fetch(request):
            return JsonResponse({"errors": {"position": error.messages}}, status=400)
        messages.error(
            request, _("%(thread)s: %(problems)s") % {"thread": thread.name, "problems": " ".join(error.messages)}
        )
    else:
        if is_fetch(request):
            return _answer(scale, version=placement.version, position=placement.position)
        messages.success(
            request,
            _("%(thread)s: the team's agreed position is recorded at %(position)s.")
            % {"thread": thread.name, "position": scale.label(placement.position)},
        )
    return redirect(_overlay_url(thread))


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/overlay/", overlay, name="overlay"),
    path("threads/<int:pk>/overlay/", overlay_thread, name="overlay-thread"),
    path("threads/<int:pk>/consensus/", consensus, name="consensus"),
]
