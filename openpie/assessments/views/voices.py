"""Staff members' own beads: the "Your own beads" page, saving one of them, and the lead's invitation.

The page reuses stage 1's bead form (``_bead.html`` with ``own_beads``: no target) and its
script (static/js/beads.js): without JavaScript each thread saves with its button; with it,
each move is sent at once and answered in JSON. Only the person's own beads can be saved here:
anyone else's is a 404, like something that does not exist.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from openpie.assessments.access import Owner, get_placement_for_user, get_round_for_user
from openpie.assessments.forms.rounds import PlacementForm
from openpie.assessments.forms.voices import InviteForm
from openpie.assessments.guidance import round_guidance
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.overlay.contributors import own_beads_changeable
from openpie.assessments.scale import Scale
from openpie.assessments.selectors import round_threads
from openpie.assessments.services import contributions
from openpie.assessments.views.beads import BeadSave, BeadThread, _bead_thread, bead_save, fetch_aware
from openpie.assessments.views.common import round_context
from openpie.assessments.views.sessions import session_panel
from openpie.assessments.views.voice_links import voices_links

# The page ----------------------------------------------------------------------------------------


def _mine(round_: Round, user: Any) -> Contribution | None:
    try:
        return contributions.contribution_for_member(round_=round_, user=user)
    except ValidationError:
        return None


def _items(round_: Round, mine: Contribution, bound: PlacementForm | None) -> list[BeadThread]:
    scale = Scale.of(round_.framework)
    own = {p.thread_id: p for p in mine.placements.all()}
    items = []
    for summary in round_threads(round_):
        placement = own.get(summary.thread.pk)
        if placement is None:
            continue
        chosen = bound if bound is not None and bound.placement_pk == placement.pk else None
        item = _bead_thread(replace(summary, placement=placement), scale, chosen)
        if item is not None:
            items.append(item)
    return items


def _page(request: HttpRequest, round_: Round, *, bound: PlacementForm | None = None) -> HttpResponse:
    mine = _mine(round_, request.user)
    panel = session_panel(request.user, round_)
    may_change = own_beads_changeable(round_=round_, mine=mine, live=panel.live)
    context = round_context(
        request,
        round_,
        current="assessments:my-beads",
        mine=mine,
        items=_items(round_, mine, bound) if mine else [],
        own_beads=True,
        can_record=may_change,
        error_form=bound,
        panel=panel,
        voices=voices_links(request.user, round_),
    )
    context["breadcrumbs"].append((_("Your own beads"), ""))
    threads = [item.summary.thread for item in context["items"] if item]
    context["guidance"] = round_guidance(round_=round_, threads=threads, with_ratings=False)
    return render(request, "assessments/my_beads.html", context)


@login_required
@require_GET
def my_beads(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_round_for_user(request.user, pk, action="round.contribute"))


# Saving one of your own beads --------------------------------------------------------------------


def _my_beads_url(placement: Placement) -> str:
    url = reverse("assessments:my-beads", args=[placement.thread.round_id])
    return f"{url}#thread-{placement.thread.key}"


OWN_BEAD = BeadSave(
    record=lambda placement, data, by: contributions.own_placement_record(
        placement=placement, version=data["version"], by=by, position=data["position"]
    ),
    page=lambda request, round_, bound=None: _page(request, round_, bound=bound),
    done_url=_my_beads_url,
    saved_words=gettext_lazy("%(name)s: your bead is saved at %(position)s."),
    other_person=pgettext_lazy("who changed a bead", "You (on another screen)"),
)


@fetch_aware
@require_POST
def own_placement_save(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_placement_for_user(request.user, pk, owner=Owner.SELF, action="round.contribute")
    return bead_save(request, placement, OWN_BEAD)


# The lead's invitation ---------------------------------------------------------------------------


@login_required
@require_POST
def round_invite(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action="round.facilitate")
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to invite the team to place their own beads."))
    else:
        try:
            contributions.round_invite_individuals(round_=round_, by=request.user, invite=form.cleaned_data["invite"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if round_.invites_individuals:
                messages.success(request, _("The team is invited to place their own beads."))
            else:
                messages.success(request, _("The team is no longer invited."))
    return redirect(reverse("assessments:round", args=[round_.pk]) + "#many-voices")


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/my-beads/", my_beads, name="my-beads"),
    path("rounds/<int:pk>/invite/", round_invite, name="round-invite"),
    path("my-placements/<int:pk>/", own_placement_save, name="own-placement"),
]
