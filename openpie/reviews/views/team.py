"""The team's pages: a round's peer reviews, inviting a reviewer, one review with the team's
responses, ending a reviewer's access, and a unit's reciprocal ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpie.accounts.http import AuthedRequest
from openpie.assessments.models import Round
from openpie.assessments.scale import Scale
from openpie.assessments.views.beads import bead_track
from openpie.assessments.views.common import round_context
from openpie.common.forms import apply_validation_error
from openpie.organisations.access import can, get_unit_for_user
from openpie.organisations.views import unit_breadcrumbs
from openpie.reviews import services
from openpie.reviews.access import get_review_for_team, get_round_for_team, get_thread_review_for_team
from openpie.reviews.forms import InviteForm, RespondForm
from openpie.reviews.models import PeerReview, ThreadReview
from openpie.reviews.selectors import review_ledger, round_peer_review, round_reviews


def _context(request: AuthedRequest, round_: Round, *, here: str, **extra: Any) -> dict[str, Any]:
    context = round_context(request, round_, current="reviews:round", **extra)
    crumbs = context["breadcrumbs"]
    crumbs[-1] = (round_.title, reverse("assessments:round", args=[round_.pk]))
    crumbs.append((_("Peer review"), reverse("reviews:round", args=[round_.pk])) if here else (_("Peer review"), ""))
    if here:
        crumbs.append((here, ""))
    return context


@login_required
@require_GET
def round_peer_reviews(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_team(request.user, pk)
    context = _context(
        request,
        round_,
        here="",
        reviews=round_reviews(round_),
        peer=round_peer_review(round_),
        can_invite=can(request.user, "review.invite", round_.unit),
    )
    return render(request, "reviews/round_reviews.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_team(request.user, pk, action="review.invite")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review, _link = services.review_invite(
                round_=round_, email=data["email"], days=data["days"], message=data["message"], by=request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("%(email)s has been invited. They can read this round until %(date)s.")
                % {"email": review.email, "date": date_format(timezone.localtime(review.expires_at), "j F Y")},
            )
            return redirect("reviews:round", round_.pk)
    return render(
        request, "reviews/review_invite.html", _context(request, round_, here=_("Invite a reviewer"), form=form)
    )


def _respond_form(tr: ThreadReview, scale: Scale, bound: RespondForm | None) -> RespondForm:
    if bound is not None:
        return bound
    initial = {"response": tr.response or None, "position": tr.agreed_position, "note": tr.response_note}
    return RespondForm(initial=initial, scale=scale, auto_id=f"respond-{tr.thread_id}-%s")


def _detail_page(
    request: AuthedRequest, review: PeerReview, *, bound: RespondForm | None = None, bound_thread: int | None = None
) -> HttpResponse:
    round_ = review.round
    scale = Scale.of(round_.framework)
    peer = round_peer_review(round_)
    may_respond = review.submitted_at is not None and can(request.user, "review.respond", round_.unit)
    team = {t.thread.pk: t.team_position for t in peer.threads}
    agreement = {t.thread.pk: v for t in peer.threads for v in t.reviews if v.review.pk == review.pk}
    items = []
    for tr in review.thread_reviews.select_related("thread").order_by("thread__position"):
        form = _respond_form(tr, scale, bound if bound_thread == tr.thread_id else None)
        track = bead_track(form, "position", scale)
        items.append(
            {
                "tr": tr,
                "form": form,
                "track": track,
                "own": team.get(tr.thread_id),
                "agreement": agreement.get(tr.thread_id),
            }
        )
    context = _context(
        request,
        round_,
        here=_("Review by %(reviewer)s") % {"reviewer": review.reviewer_name},
        review=review,
        items=items,
        may_respond=may_respond,
        can_invite=can(request.user, "review.invite", round_.unit),
    )
    return render(request, "reviews/review_detail.html", context, status=400 if bound is not None else 200)


@login_required
@require_GET
def review_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_review_for_team(request.user, pk))


@login_required
@require_POST
def thread_respond(request: AuthedRequest, pk: int, thread: int) -> HttpResponse:
    tr = get_thread_review_for_team(request.user, pk, thread, action="review.respond")
    scale = Scale.of(tr.review.round.framework)
    form = RespondForm(request.POST, scale=scale, auto_id=f"respond-{thread}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.thread_review_respond(
                thread_review=tr,
                by=request.user,
                response=data["response"],
                note=data["note"],
                position=data["position"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("%(thread)s: the team's response is saved.") % {"thread": tr.thread.name})
            return redirect(reverse("reviews:detail", args=[pk]) + f"#thread-{tr.thread.key}")
    return _detail_page(request, tr.review, bound=form, bound_thread=tr.thread_id)


@login_required
@require_POST
def review_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    review = get_review_for_team(request.user, pk, action="review.invite")
    try:
        services.review_revoke(review=review, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(email)s can no longer read this round.") % {"email": review.email})
    return redirect("reviews:round", review.round_id)


@login_required
@require_GET
def unit_ledger(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk, action="review.view")
    rows = review_ledger(unit)
    context = {
        "unit": unit,
        "rows": rows,
        "totals": {"given": sum(r.given for r in rows), "received": sum(r.received for r in rows)},
        "breadcrumbs": unit_breadcrumbs(request.user, unit, current=_("Peer reviews given and received")),
    }
    return render(request, "reviews/unit_ledger.html", context)
