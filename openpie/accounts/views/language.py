"""Choosing the language of the pages: English or Welsh, remembered on this device and, for a
signed-in person, on their account (so emails and other devices follow)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from openpie.common.languages import remember_language

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") else "/"


@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    """Switch to the chosen language and go back to the page the person was on."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_next_url(request))
    if language not in LANGUAGE_CODES:
        return response
    remember_language(response, language)
    user = request.user
    if user.is_authenticated and getattr(user, "language", language) != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
