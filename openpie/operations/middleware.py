"""Middleware of the operations app.

``RequestTelemetryMiddleware`` comes first: it gives each request its id (``logs.py``), so that
every log line written while it runs carries it, returns the id in ``X-Request-ID``, counts the
request for the metrics (``metrics.py``) and writes one log line for it (method, URL pattern, never
the raw path, status, milliseconds).

``OperationsMiddleware`` answers the operations addresses (``/healthz``, ``/healthz/deep``,
``/metrics``) itself, above the session, sign-in and two-step middleware: a load balancer's or a
monitor's request, even one carrying a session cookie, reads no session, no person and no
membership. Those views are GET-only and need no CSRF protection.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import resolve, reverse

from openpie.operations.logs import HEADER, request_id_from, request_id_var
from openpie.operations.metrics import request_observe

Handler = Callable[[HttpRequest], HttpResponse]
log = logging.getLogger("openpie.requests")


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


def _view_and_route(request: HttpRequest) -> tuple[str, str]:
    match = request.resolver_match
    if match is not None:
        return match.view_name, "/" + str(match.route)
    if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return "static", "/" + settings.STATIC_URL.lstrip("/")
    return "unmatched", "-"


class RequestTelemetryMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(HEADER))
        # Kept until the response is closed (request_finished), so Django's own lines about the
        # response ("Not Found: ...", written after the middleware) carry the id too.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        view, route = _view_and_route(request)
        request_observe(method=request.method or "", status=response.status_code, view=view, seconds=seconds)
        level = logging.DEBUG if request.path_info in operations_paths() else logging.INFO
        details = {"method": request.method, "route": route, "view": view, "status": response.status_code}
        log.log(
            level,
            "%s %s %s %.0f ms",
            request.method,
            route,
            response.status_code,
            seconds * 1000,
            extra={**details, "duration_ms": round(seconds * 1000, 1)},
        )
        response[HEADER] = request_id
        return response
