"""Error pages in the house style (400, 403, 404, 410, 413, 429, 500), and their JSON twins on the API.

Each page says in plain English what happened and offers a way on (the home page, or signing
in); none shows an exception's text, an object's name or a path. The 500 page is static: it needs
neither the database nor the request. Under ``/api/`` every error stays JSON, in the API's shape
(``{"detail": ...}``), never HTML.

An app can give its own part of the site a kind 404 of its own (``register_not_found``): the
take-part links do, for a mistyped link. The 400 handler is ``openpie.common.limits.bad_request``:
most bad requests are ones too large.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

API_PREFIX = "/api/"

# The page's heading (and title), and the API's detail, for each status.
TITLES = {
    400: gettext_lazy("Something was wrong with that request"),
    403: gettext_lazy("You cannot do this here"),
    404: gettext_lazy("Page not found"),
    410: gettext_lazy("This has ended"),
    413: gettext_lazy("What you sent is too large"),
    429: gettext_lazy("Please try again later"),
    500: gettext_lazy("Sorry, something went wrong"),
}
API_DETAILS = {
    400: gettext_lazy("The request is not valid."),
    403: gettext_lazy("You do not have permission to do this."),
    404: gettext_lazy("Not Found"),
    410: gettext_lazy("This has ended."),
    413: gettext_lazy("The request is too large."),
    429: gettext_lazy("Too many requests: try again later."),
    500: gettext_lazy("Something went wrong on the server. Try again later."),
}

NotFoundView = Callable[[HttpRequest], HttpResponse]
_NOT_FOUND: dict[str, NotFoundView] = {}


def register_not_found(prefix: str, view: NotFoundView) -> None:
    """Answer a 404 under ``prefix`` (a path like ``/take-part/``) with ``view`` instead of the plain page."""
    _NOT_FOUND[prefix] = view


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_response(
    request: HttpRequest, status: int, *, detail: str = "", context: dict[str, Any] | None = None
) -> HttpResponse:
    """The house-style page for ``status`` (``errors/<status>.html``), or JSON under /api/."""
    if is_api(request):
        return JsonResponse({"detail": str(detail or API_DETAILS[status])}, status=status)
    page = {"page_title": TITLES[status], "status": status, **(context or {})}
    return render(request, f"errors/{status}.html", page, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    for prefix, view in _NOT_FOUND.items():
        if request.path_info.startswith(prefix):
            return view(request)
    return error_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Static: rendered without the request or the database, which may be what failed."""
    if is_api(request):
        return JsonResponse({"detail": str(API_DETAILS[500])}, status=500)
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page open too long, or from somewhere else: a 403 that says what to do."""
    if is_api(request):
        return JsonResponse({"detail": _("CSRF check failed: send the CSRF token with a session's write.")}, status=403)
    return render(request, "errors/403_form.html", {"page_title": _("This form has expired")}, status=403)
