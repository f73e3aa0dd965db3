"""The short address for people without a QR scanner: type the poster's code at /go/, or open /go/XXXXXXXX.

Every try counts against the address's hourly limit (``ratelimit.check_go``), found or not, so
guessing codes is slow. And the larger-text choice, which works as a plain form post.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openpie.participation import codes, ratelimit
from openpie.participation.forms import GoForm, TextSizeForm
from openpie.participation.models import ParticipationLink
from openpie.participation.views.common import link_failed, no_store, slow_down

TEXT_COOKIE = "openpie_text"
NOT_FOUND = gettext_lazy("We could not find that code. Check each letter and number, then try again.")


def _token_for(code: str) -> str | None:
    normal = codes.normalise_short(code)
    if not normal:
        return None
    token: str | None = ParticipationLink.objects.filter(short_code=normal).values_list("token", flat=True).first()
    return token


@no_store
def go_form(request: HttpRequest) -> HttpResponse:
    form = GoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.check_go(request)
        except ratelimit.RateLimited:
            return slow_down(request)
        token = _token_for(form.cleaned_data["code"])
        if token is not None:
            return redirect("participation:landing", token)
        form.add_error("code", NOT_FOUND)
    return render(request, "participation/go.html", {"form": form, "page_title": _("Type your code")})


@no_store
def go_code(request: HttpRequest, code: str) -> HttpResponse:
    try:
        ratelimit.check_go(request)
    except ratelimit.RateLimited:
        return slow_down(request)
    token = _token_for(code)
    if token is None:
        return link_failed(request, status=404)
    return redirect("participation:landing", token)


@require_POST
def text_size(request: HttpRequest) -> HttpResponse:
    """Larger (or normal) text on every service-user page, kept in a cookie for a year."""
    form = TextSizeForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("participation:go")
    response = redirect(back or reverse("participation:go"))
    if form.is_valid():
        response.set_cookie(
            TEXT_COOKIE,
            form.cleaned_data["size"],
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=not settings.DEBUG and request.is_secure(),
            httponly=True,
        )
    return response


urlpatterns: list[URLPattern] = [
    path("go/", go_form, name="go"),
    path("go/<str:code>/", go_code, name="go-code"),  # "/go/XXXXXXXX" without the slash is sent here
    path("take-part/text-size/", text_size, name="text-size"),
]
