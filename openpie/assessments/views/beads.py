"""Stage 1, "Where are we now?": the board, one row per thread, each a native radio group of bead positions.

Without JavaScript each thread is a small form with a Save button ("Take the bead off" posts an empty
position). With it (static/js/beads.js) the bead is sent once it rests, with ``X-Requested-With: fetch``,
and this view answers in JSON: the saved version, a conflict (409) with the other person's position,
errors (400), or ``signed_out`` (401) instead of the sign-in redirect."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from openpie.assessments import services
from openpie.assessments.access import Owner, get_placement_for_user, get_round_for_user
from openpie.assessments.forms.rounds import PlacementForm
from openpie.assessments.guidance import round_guidance
from openpie.assessments.models import Placement, Round, Thread
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import ThreadSummary, round_threads
from openpie.assessments.services.edits import EditConflictError
from openpie.assessments.views.common import round_context
from openpie.common.forms import apply_validation_error

SIGNED_OUT = gettext_lazy(
    "You have been signed out. Sign in again in a new tab, then try again; your bead is still shown here."
)
NOT_ALLOWED = gettext_lazy("You can look at this round but not change it. Nothing has been saved.")


def is_fetch(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def fetch_aware(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``login_required`` for pages; for fetch requests, JSON answers instead of a redirect or a 403 page."""
    page_view = login_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_fetch(request):
            return page_view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return JsonResponse({"signed_out": True, "message": str(SIGNED_OUT)}, status=401)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return JsonResponse({"forbidden": True, "message": str(NOT_ALLOWED)}, status=403)

    return wrapper


# The page ----------------------------------------------------------------------------------------


@dataclass
class Slot:
    value: int
    within: int
    id: str
    label: str
    checked: bool
    ghost: bool


@dataclass
class Level:
    name: str
    slots: list[Slot]


@dataclass
class BeadThread:
    """A thread on the page: its form, the two tracks (bead and target), and last round's ghost."""

    summary: ThreadSummary
    form: PlacementForm
    track: list[Level]
    target_track: list[Level]
    ghost: str
    has_target: bool


def _auto_id(thread: Thread) -> str:
    return f"bead-{thread.key}-%s"


def _placement_form(placement: Placement, scale: Scale) -> PlacementForm:
    initial = {"position": placement.position, "target": placement.target, "version": placement.version}
    return PlacementForm(initial=initial, scale=scale, auto_id=_auto_id(placement.thread))


def bead_track(form: PlacementForm, name: str, scale: Scale, ghost: int | None = None) -> list[Level]:
    bound = form[name]
    chosen = "" if bound.value() is None else str(bound.value())
    levels: list[Level] = [Level(name=level, slots=[]) for level in scale.levels]
    for value in range(1, scale.count + 1):
        _level, within = scale.place(value)
        slot = Slot(value, within, f"{bound.auto_id}_{value}", scale.label(value), chosen == str(value), ghost == value)
        levels[(value - 1) // scale.per_level].slots.append(slot)
    return levels


def _bead_thread(summary: ThreadSummary, scale: Scale, form: PlacementForm | None) -> BeadThread | None:
    placement = summary.placement
    if placement is None:
        return None
    placement.thread = summary.thread
    form = form or _placement_form(placement, scale)
    ghost = placement.previous_position
    return BeadThread(
        summary=summary,
        form=form,
        track=bead_track(form, "position", scale, ghost),
        target_track=bead_track(form, "target", scale),
        ghost=_("Last time: %(bead)s") % {"bead": scale.short(ghost)} if ghost else "",
        has_target=form["target"].value() not in (None, ""),
    )


def _where_page(request: HttpRequest, round_: Round, *, bound: PlacementForm | None = None) -> HttpResponse:
    scale = Scale.of(round_.framework)
    items = []
    for summary in round_threads(round_):
        mine = bound is not None and summary.placement is not None and summary.placement.pk == bound.placement_pk
        items.append(_bead_thread(summary, scale, bound if mine else None))
    context = round_context(
        request, round_, current="assessments:stage-where", items=[i for i in items if i], error_form=bound
    )
    threads = [i.summary.thread for i in items if i]
    # For {% level_descriptors guidance thread %} beside each bead (no more queries: the threads are loaded).
    context["guidance"] = round_guidance(round_=round_, threads=threads, with_ratings=False)
    return render(request, "assessments/stage_where.html", context)


@login_required
def stage_where(request: HttpRequest, pk: int) -> HttpResponse:
    return _where_page(request, get_round_for_user(request.user, pk))


# Saving a bead -----------------------------------------------------------------------------------


def _answer(placement: Placement, scale: Scale) -> dict[str, Any]:
    return {
        "version": placement.version,
        "position": placement.position,
        "target": placement.target,
        "label": scale.label(placement.position),
        "target_label": scale.label(placement.target) if placement.target else _("No target"),
    }


def _where_url(placement: Placement) -> str:
    return reverse("assessments:stage-where", args=[placement.thread.round_id]) + f"#thread-{placement.thread.key}"


def conflict_message(
    scale: Scale, theirs: dict[str, Any], yours: dict[str, Any], who: str | None = None
) -> tuple[str, str]:
    """The field at odds and what to tell the person (their own choice is kept in the words).
    ``who`` moved it: "Someone else" unless told."""
    field = "position" if theirs["position"] != yours["position"] else "target"
    values = {"who": who or pgettext("who changed a bead", "Someone else")}
    if field == "position" and theirs["position"] is None:
        head = _("%(who)s took this bead off the thread while you were working; it now shows their position.") % values
    elif field == "position":
        values["where"] = scale.label(theirs["position"])
        head = _("%(who)s moved this bead to %(where)s while you were working; it now shows their position.") % values
    else:
        values["where"] = scale.label(theirs["target"]) if theirs["target"] else _("no target")
        head = _("%(who)s changed the target to %(where)s while you were working; it now shows theirs.") % values
    if yours[field]:
        chose = _("You chose %(choice)s: choose it again and save if you still want it.") % {
            "choice": scale.label(yours[field])
        }
    elif field == "position":
        chose = _("You chose to take the bead off: do it again if you still want that.")
    else:
        chose = _("You chose to remove the target: do it again if you still want that.")
    return field, f"{head} {chose}"


TEAM_BEAD_SAVED = gettext_lazy("%(name)s: saved at %(position)s.")
SOMEONE_ELSE = pgettext_lazy("who changed a bead", "Someone else")


@dataclass(frozen=True)
class BeadSave:
    """What differs between saving the team's bead and saving one of your own: the service, the page to
    show again, where to go after a save and how it is said."""

    record: Callable[[Placement, dict[str, Any], Any], Placement]
    page: Callable[..., HttpResponse]
    done_url: Callable[[Placement], str]
    saved_words: Any = TEAM_BEAD_SAVED
    other_person: Any = SOMEONE_ELSE


def _conflict(request: HttpRequest, flow: BeadSave, conflict: EditConflictError, scale: Scale) -> HttpResponse:
    current: Any = conflict.current
    field, message = conflict_message(scale, conflict.theirs, conflict.yours, who=str(flow.other_person))
    if is_fetch(request):
        return JsonResponse(
            {"conflict": True, "field": field, "message": message, **_answer(current, scale)}, status=409
        )
    data = {"position": current.position or "", "target": current.target or "", "version": current.version}
    form = PlacementForm(data, scale=scale, auto_id=_auto_id(current.thread))
    form.is_valid()
    form.add_error(field, message)
    form.placement_pk = current.pk
    return flow.page(request, current.thread.round, bound=form)


def _invalid(request: HttpRequest, flow: BeadSave, round_: Round, form: PlacementForm) -> HttpResponse:
    if is_fetch(request):
        return JsonResponse({"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400)
    return flow.page(request, round_, bound=form)


def _saved(request: HttpRequest, flow: BeadSave, placement: Placement, scale: Scale) -> HttpResponse:
    if is_fetch(request):
        return JsonResponse(_answer(placement, scale))
    said = str(flow.saved_words) % {"name": placement.thread.name, "position": scale.label(placement.position)}
    messages.success(request, said)
    return redirect(flow.done_url(placement))


def bead_save(request: HttpRequest, placement: Placement, flow: BeadSave) -> HttpResponse:
    """Save a bead from the posted form: the saved bead, a conflict (both sides), or the errors."""
    thread = placement.thread
    round_ = thread.round
    scale = Scale.of(round_.framework)
    form = PlacementForm(request.POST, scale=scale, auto_id=_auto_id(thread))
    form.placement_pk = placement.pk
    try:
        if form.is_valid():
            placement = flow.record(placement, form.cleaned_data, request.user)
            placement.thread = thread
            return _saved(request, flow, placement, scale)
    except EditConflictError as conflict:
        conflict.current.thread = thread  # type: ignore[attr-defined]
        return _conflict(request, flow, conflict, scale)
    except ValidationError as error:
        apply_validation_error(form, error)
    return _invalid(request, flow, round_, form)


TEAM_BEAD = BeadSave(
    record=lambda placement, data, by: services.placement_record(placement=placement, by=by, **data),
    page=lambda request, round_, bound=None: _where_page(request, round_, bound=bound),
    done_url=_where_url,
)


@fetch_aware
@require_POST
def placement_save(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_placement_for_user(request.user, pk, owner=Owner.TEAM, action="round.record")
    return bead_save(request, placement, TEAM_BEAD)


urlpatterns = [
    path("rounds/<int:pk>/where/", stage_where, name="stage-where"),
    path("placements/<int:pk>/", placement_save, name="placement"),
]
