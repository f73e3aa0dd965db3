"""Taking answers out, or stopping staff reading comments, with the withdrawal code: enter it, confirm, done.

The code waits in the server session between the two steps, and each code entered counts once
against the address's limit of tries (when it is first looked up or used). A code whose answers
were already taken out says so, and when, instead of asking again: only the code's holder can
learn that. A wrong code is told only that nothing was found.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from openpie.participation import ratelimit, selectors, services
from openpie.participation.codes import normalise, shown
from openpie.participation.forms import WithdrawForm
from openpie.participation.views.common import no_store, slow_down

SESSION_KEY = "take_part_withdraw"


@no_store
def withdraw(request: HttpRequest) -> HttpResponse:
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = normalise(form.cleaned_data["code"])
        if not code:
            form.add_error("code", _("Enter the 12 letters and numbers of your code, like ABCD-EFGH-JKMN"))
        else:
            request.session[SESSION_KEY] = {"code": code, "what": form.cleaned_data["what"]}
            return redirect("participation:withdraw-confirm")
    return render(request, "participation/withdraw.html", {"form": form, "page_title": _("Take your answers out")})


def _count_try(request: HttpRequest, asked: dict[str, object]) -> None:
    """Count this code against the address's tries, once (``RateLimited`` past the limit)."""
    if not asked.get("counted"):
        ratelimit.check_withdrawal(request)
        request.session[SESSION_KEY] = {**asked, "counted": True}


@no_store
def withdraw_confirm(request: HttpRequest) -> HttpResponse:
    asked = request.session.get(SESSION_KEY)
    if not asked:
        return redirect("participation:withdraw")
    try:
        _count_try(request, asked)
    except ratelimit.RateLimited:
        return slow_down(request)
    taken_out = selectors.answers_taken_out_at(code=asked["code"])
    if taken_out is not None:
        request.session.pop(SESSION_KEY, None)
        context = {"code": shown(asked["code"]), "taken_out": taken_out, "page_title": _("Already taken out")}
        return render(request, "participation/withdraw_spent.html", context)
    if request.method == "POST":
        act = (
            services.participation_withdraw
            if asked["what"] == WithdrawForm.WITHDRAW
            else (services.participation_stop_sharing)
        )
        done = act(code=asked["code"])
        request.session.pop(SESSION_KEY, None)
        request.session["take_part_withdrawn"] = {"what": asked["what"], "done": done}
        return redirect("participation:withdraw-done")
    context = {"code": shown(asked["code"]), "what": asked["what"], "page_title": _("Are you sure?")}
    return render(request, "participation/withdraw_confirm.html", context)


@no_store
def withdraw_done(request: HttpRequest) -> HttpResponse:
    outcome = request.session.get("take_part_withdrawn")
    if not outcome:
        return redirect("participation:withdraw")
    title = _("Done") if outcome["done"] else _("We could not find those answers")
    return render(request, "participation/withdraw_done.html", {**outcome, "page_title": title})


urlpatterns: list[URLPattern] = [
    path("take-part/withdraw/", withdraw, name="withdraw"),
    path("take-part/withdraw/confirm/", withdraw_confirm, name="withdraw-confirm"),
    path("take-part/withdraw/done/", withdraw_done, name="withdraw-done"),
]
