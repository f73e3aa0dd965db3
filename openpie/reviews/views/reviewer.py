"""The reviewer's pages: taking up an invitation, their reviews, the round they review, and finishing.

Every page reaches the review through ``get_review_for_reviewer``: once it is revoked or past its
time, the answer is 410 with a page that says so and shows nothing of the round.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpie.accounts.forms import NewAccountForm
from openpie.accounts.http import AuthedRequest
from openpie.accounts.models import User
from openpie.assessments.scale import Scale
from openpie.assessments.views.beads import bead_track
from openpie.common.forms import apply_validation_error
from openpie.reviews import services
from openpie.reviews.access import ReviewGoneError, get_review_for_reviewer, get_thread_review_for_reviewer
from openpie.reviews.forms import AcceptForm, ProposalForm
from openpie.reviews.models import PeerReview, ThreadReview
from openpie.reviews.selectors import reviewer_round, reviews_for_reviewer


def gone_page(request: HttpRequest, reason: str) -> HttpResponse:
    context = {"reason": reason, "page_title": _("This peer review has ended")}
    return render(request, "reviews/review_gone.html", context, status=410)


def reviewer_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in; an ended review answers 410 with a page that shows nothing of the round."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ReviewGoneError as gone:
            return gone_page(request, gone.reason)

    return login_required(wrapper)


def _review_or_404(token: str) -> PeerReview:
    review = services.review_for_token(token)
    if review is None:
        raise Http404(_("This invitation link is not valid."))
    return review


@require_http_methods(["GET", "POST"])
def review_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: sign in or set up an account, say which team you review for, and begin."""
    review = _review_or_404(token)
    if review.state != PeerReview.State.INVITED or review.is_expired:
        return gone_page(request, _("This invitation has expired, has been used already, or was ended by the team."))
    context: dict[str, Any] = {"review": review, "next": request.path}
    if request.user.is_authenticated:
        return _accept_signed_in(request, review, context)
    existing = User.objects.filter(email__iexact=review.email).exists()
    form = NewAccountForm(request.POST or None, email=review.email)
    if not existing and request.method == "POST" and form.is_valid():
        user = services.account_create_for_review(review=review, **form.cleaned_data)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome to OpenPIE. You can now read %(unit)s's round.") % {"unit": review.round.unit.name}
        )
        return redirect("reviews:reviewer-round", review.pk)
    context.update({"form": form, "existing": existing})
    return render(request, "reviews/review_accept.html", context)


def _accept_signed_in(request: HttpRequest, review: PeerReview, context: dict[str, Any]) -> HttpResponse:
    user: Any = request.user
    form = AcceptForm(request.POST or None, units=services.reviewer_units(user))
    if request.method == "POST" and form.is_valid():
        try:
            services.review_accept(review=review, user=user, reviewer_unit=form.chosen_unit())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("You can now read %(unit)s's round.") % {"unit": review.round.unit.name})
            return redirect("reviews:reviewer-round", review.pk)
    context.update({"accept_form": form, "email_matches": user.email.lower() == review.email.lower()})
    return render(request, "reviews/review_accept.html", context)


@login_required
@require_GET
def my_reviews(request: AuthedRequest) -> HttpResponse:
    return render(request, "reviews/my_reviews.html", {"reviews": reviews_for_reviewer(request.user)})


def _proposal_form(tr: ThreadReview, scale: Scale, bound: ProposalForm | None) -> ProposalForm:
    if bound is not None:
        return bound
    initial = {"position": tr.proposed_position, "comment": tr.comment}
    return ProposalForm(initial=initial, scale=scale, auto_id=f"propose-{tr.thread_id}-%s")


def _round_page(
    request: HttpRequest, review: PeerReview, *, bound: ProposalForm | None = None, thread: int | None = None
) -> HttpResponse:
    scale = Scale.of(review.round.framework)
    items = []
    for item in reviewer_round(review):
        form = _proposal_form(item.mine, scale, bound if thread == item.thread.pk else None) if item.mine else None
        track = bead_track(form, "position", scale) if form else []
        items.append({"item": item, "form": form, "track": track})
    context = {
        "review": review,
        "round": review.round,
        "scale": scale,
        "items": items,
        "can_write": review.state == PeerReview.State.ACCEPTED,
        "breadcrumbs": [(_("Your peer reviews"), reverse("reviews:mine")), (review.round.unit.name, "")],
    }
    return render(request, "reviews/reviewer_round.html", context, status=400 if bound is not None else 200)


@reviewer_page
@require_GET
def reviewer_round_view(request: AuthedRequest, pk: int) -> HttpResponse:
    review = get_review_for_reviewer(request.user, pk)
    services.review_read(review=review, by=request.user)
    return _round_page(request, review)


@reviewer_page
@require_POST
def reviewer_thread_save(request: AuthedRequest, pk: int, thread: int) -> HttpResponse:
    tr = get_thread_review_for_reviewer(request.user, pk, thread)
    scale = Scale.of(tr.review.round.framework)
    form = ProposalForm(request.POST, scale=scale, auto_id=f"propose-{thread}-%s")
    if form.is_valid():
        try:
            services.thread_review_save(
                thread_review=tr,
                by=request.user,
                comment=form.cleaned_data["comment"],
                proposed_position=form.cleaned_data["position"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("%(thread)s: your comment and proposed position are saved.") % {"thread": tr.thread.name}
            )
            return redirect(reverse("reviews:reviewer-round", args=[pk]) + f"#thread-{tr.thread.key}")
    return _round_page(request, tr.review, bound=form, thread=tr.thread_id)


@reviewer_page
@require_POST
def reviewer_finish(request: AuthedRequest, pk: int) -> HttpResponse:
    review = get_review_for_reviewer(request.user, pk)
    try:
        services.review_finish(review=review, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you: your review has been sent to the team. You can still read it until your access ends."),
        )
    return redirect("reviews:reviewer-round", review.pk)
