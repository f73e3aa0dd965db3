"""A facilitated session: members place their own beads unseen, then the lead shows the overlay.

The lead's screen says how many people have placed beads, updated every few seconds (htmx polls
``session-status``, which also renders as a full page without JavaScript), with buttons to show
the overlay (refused below the small-group threshold) and to end the session. Members see their
own beads and a status that changes to "The overlay is showing"; the status answer then brings
the overlay into the page (an out-of-band swap) and stops polling (htmx's 286). Each poll names the
status it shows; an unchanged status is answered 204, so screen readers hear only changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpie.assessments.access import can_see_overlay, get_round_for_user
from openpie.assessments.models import Round, VotingSession
from openpie.assessments.overlay.privacy import small_group_threshold
from openpie.assessments.overlay.selectors import round_overlay
from openpie.assessments.reports.overlay import OverlayView, overlay_view
from openpie.assessments.services import contributions
from openpie.assessments.views.common import round_context
from openpie.assessments.views.voice_links import voices_links
from openpie.audit.services import comments_shown, contribution_view_record
from openpie.organisations.access import can

POLL_SECONDS = 3
STOP_POLLING = 286  # htmx: swap this answer, then stop polling
UNCHANGED = 204  # htmx: nothing to swap


@dataclass
class SessionPanel:
    """What the session status shows to this person now."""

    round: Round
    live: VotingSession | None
    count: int
    threshold: int
    can_facilitate: bool
    overlay: OverlayView | None  # for members, once it is showing

    @property
    def revealed(self) -> bool:
        return self.live is not None and self.live.is_revealed

    @property
    def polling(self) -> bool:
        """The lead watches the count while a session runs; members wait until the overlay shows."""
        if self.live is None:
            return False
        return self.can_facilitate or not self.revealed

    @property
    def poll_seconds(self) -> int:
        return POLL_SECONDS

    @property
    def state_key(self) -> str:
        """What the status shows, in short: an unchanged status is not sent again (nor read out again)."""
        if self.live is None:
            return "none"
        return f"{self.live.pk}-{self.count}-{'shown' if self.revealed else 'hidden'}"


def session_panel(user: Any, round_: Round, *, with_overlay: bool = True) -> SessionPanel:
    live = contributions.live_session(round_)
    facilitate = can(user, "round.facilitate", round_.unit)
    overlay = None
    if with_overlay and live is not None and live.is_revealed and can_see_overlay(user, round_):
        overlay = overlay_view(round_overlay(round_), round_)
    return SessionPanel(
        round=round_,
        live=live,
        count=contributions.voters(round_) if live is not None else 0,
        threshold=small_group_threshold(),
        can_facilitate=facilitate,
        overlay=overlay,
    )


def _panel_seen(request: HttpRequest, round_: Round) -> SessionPanel:
    """The panel of a full page, recorded in the audit trail when its overlay shows comments."""
    panel = session_panel(request.user, round_)
    shown = comments_shown(panel.overlay.overlay) if panel.overlay else 0
    contribution_view_record(by=request.user, round_=round_, page="session", shown=shown)
    return panel


def _page(request: HttpRequest, round_: Round) -> HttpResponse:
    context = round_context(
        request,
        round_,
        current="assessments:session",
        panel=_panel_seen(request, round_),
        voices=voices_links(request.user, round_),
    )
    context["breadcrumbs"].append(("Session", ""))
    return render(request, "assessments/session.html", context)


@login_required
@require_GET
def session(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_round_for_user(request.user, pk))


@login_required
@require_GET
def session_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status alone for htmx's polling; the whole session page otherwise."""
    round_ = get_round_for_user(request.user, pk)
    if not getattr(request, "htmx", False):
        return _page(request, round_)
    panel = session_panel(request.user, round_)
    if panel.polling and request.GET.get("seen") == panel.state_key:
        return HttpResponse(status=UNCHANGED)
    status = 200 if panel.polling else STOP_POLLING
    return render(request, "assessments/_session_status.html", {"panel": panel, "round": round_}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_start(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what a session is, and a button to start one. POST: start it."""
    round_ = get_round_for_user(request.user, pk, action="round.facilitate")
    if request.method == "POST":
        try:
            contributions.session_start(round_=round_, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The session has started. Ask everyone to open “Your own beads”."))
        return redirect("assessments:session", round_.pk)
    live = contributions.live_session(round_)
    context = round_context(request, round_, current="assessments:session-start", live=live)
    context["breadcrumbs"].append((_("Start a session"), ""))
    return render(request, "assessments/session_start.html", context)


def _live_or_message(request: HttpRequest, round_: Round) -> VotingSession | None:
    live = contributions.live_session(round_)
    if live is None:
        messages.error(request, _("No session is running for this round."))
    return live


@login_required
@require_POST
def session_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.facilitate")
    live = _live_or_message(request, round_)
    if live is not None:
        try:
            contributions.session_reveal(session=live, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The overlay is showing on everyone's screen."))
    return redirect("assessments:session", round_.pk)


@login_required
@require_POST
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.facilitate")
    live = _live_or_message(request, round_)
    if live is not None:
        contributions.session_end(session=live, by=request.user)
        messages.success(request, _("The session has ended. Everyone's beads are kept."))
    return redirect("assessments:session", round_.pk)


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/session/", session, name="session"),
    path("rounds/<int:pk>/session/status/", session_status, name="session-status"),
    path("rounds/<int:pk>/session/start/", session_start, name="session-start"),
    path("rounds/<int:pk>/session/reveal/", session_reveal, name="session-reveal"),
    path("rounds/<int:pk>/session/end/", session_end, name="session-end"),
]
