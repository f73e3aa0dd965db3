"""Middleware of the operations app.

``OperationsMiddleware`` answers the operations addresses (``/healthz``, ``/healthz/deep``,
``/metrics``) itself, above the session, sign-in and two-step middleware: a load balancer's or a
monitor's request, even one carrying a session cookie, reads no session, no person and no
membership. Those views are GET-only and need no CSRF protection.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import resolve, reverse

Handler = Callable[[HttpRequest], HttpResponse]


@cache
def operations_paths() -> frozenset[str]:
    from openpie.operations.urls import urlpatterns

    return frozenset(reverse(f"operations:{pattern.name}") for pattern in urlpatterns)


class OperationsMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in operations_paths():
            return self.get_response(request)
        match = resolve(request.path_info)
        request.resolver_match = match
        response: HttpResponse = match.func(request, *match.args, **match.kwargs)
        return response
