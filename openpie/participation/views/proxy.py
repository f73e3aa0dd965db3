"""A keyworker or advocate enters a service user's answers for them (participation.proxy).

They confirm the person agreed, then go through the same easy-read questions, and end with
the withdrawal code to give to the person.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.assessments.access import get_round_for_user
from openpie.assessments.models import Round
from openpie.audit.services import contribution_view_record
from openpie.common.forms import apply_validation_error
from openpie.participation import services
from openpie.participation.forms import ProxyStartForm
from openpie.participation.views import flow
from openpie.participation.views.common import Journey, no_store, remember


def _journey(round_: Round) -> Journey:
    return Journey(key=f"proxy:{round_.pk}", round=round_, prefix="participation:proxy-", args=[round_.pk], proxy=True)


def for_proxy(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @no_store
    @wraps(view)
    def wrapper(request: AuthedRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        round_ = get_round_for_user(request.user, pk, action="participation.proxy")
        return view(request, _journey(round_), *args, **kwargs)

    return wrapper


@for_proxy
def start(request: AuthedRequest, journey: Journey) -> HttpResponse:
    form = ProxyStartForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            contribution = services.proxy_start(round_=journey.round, by=request.user, **form.cleaned_data)
        except ValidationError as problem:
            apply_validation_error(form, problem)
        else:
            remember(request, journey, contribution)
            return redirect(journey.url("question", 1))
    if not journey.round.is_editable:
        error = _("This round is not taking answers now.")
    context = {"journey": journey, "round": journey.round, "form": form, "error": error}
    return render(request, "participation/proxy_start.html", {**context, "page_title": _("Enter answers for someone")})


@for_proxy
def question(request: AuthedRequest, journey: Journey, number: int) -> HttpResponse:
    return flow.question(request, journey, number)


@for_proxy
def check(request: AuthedRequest, journey: Journey) -> HttpResponse:
    contribution_view_record(by=request.user, round_=journey.round, page="proxy-check", shown=1)
    return flow.check(request, journey)


@for_proxy
def done(request: AuthedRequest, journey: Journey) -> HttpResponse:
    return flow.done(request, journey)


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/take-part/for-someone/", start, name="proxy-start"),
    path("rounds/<int:pk>/take-part/for-someone/question/<int:number>/", question, name="proxy-question"),
    path("rounds/<int:pk>/take-part/for-someone/check/", check, name="proxy-check"),
    path("rounds/<int:pk>/take-part/for-someone/done/", done, name="proxy-done"),
]
