"""Review criteria: the team rates statements red, amber or green, with a note, before placing a bead.

One page for the round ("Check against the review criteria") and one page per thread to rate it.
The ratings are the team's (docs/adr/0015-ownership.md): any member who may record in the round
may change them; they are shown, never counted as a score.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.accounts.http import AuthedRequest
from openpie.assessments import services
from openpie.assessments.access import get_round_for_user, get_thread_for_user
from openpie.assessments.forms.criteria import CriteriaRatingsForm
from openpie.assessments.guidance import round_guidance
from openpie.assessments.views.common import round_context
from openpie.assessments.views.edits import signed_in
from openpie.common.forms import apply_validation_error

PAGE = "assessments:review-criteria"
CONFLICT = gettext_lazy(
    "Someone else saved ratings for this part while you were rating it. "
    "Their ratings are shown below: check them, then make your change again."
)


@signed_in
def review_criteria(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    rated = [g for g in round_guidance(round_=round_).values() if g.criteria]
    context = round_context(request, round_, current=PAGE, threads=rated)
    return render(request, "assessments/review_criteria.html", context)


@signed_in
def thread_criteria(request: AuthedRequest, pk: int) -> HttpResponse:
    thread = get_thread_for_user(request.user, pk, action="round.record" if request.method == "POST" else "round.view")
    guidance = round_guidance(round_=thread.round)[thread.pk]
    if not guidance.criteria:
        raise Http404(_("This part has no review criteria."))
    form = CriteriaRatingsForm(request.POST or None, criteria=guidance.criteria)
    if request.method == "POST" and form.is_valid():
        try:
            services.criteria_ratings_record(
                thread=thread, criteria=guidance.statements, ratings=form.ratings(), by=request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        except services.EditConflictError:
            guidance = round_guidance(round_=thread.round)[thread.pk]
            form = CriteriaRatingsForm(criteria=guidance.criteria)
            messages.error(request, CONFLICT)
        else:
            messages.success(request, _("Your ratings for %(thread)s have been saved.") % {"thread": thread.name})
            return redirect(reverse(PAGE, args=[thread.round_id]) + f"#thread-{thread.pk}")
    context = round_context(
        request,
        thread.round,
        current="assessments:thread-criteria",
        form=form,
        thread=thread,
        guidance=guidance,
        guidance_by_thread={thread.pk: guidance},
    )
    context["breadcrumbs"].append((_("Check against the review criteria"), reverse(PAGE, args=[thread.round_id])))
    return render(request, "assessments/thread_criteria.html", context)


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/review-criteria/", review_criteria, name="review-criteria"),
    path("threads/<int:pk>/review-criteria/", thread_criteria, name="thread-criteria"),
]
