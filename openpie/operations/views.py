"""The health checks for load balancers and monitors, and the metrics for Prometheus.

They are answered by ``OperationsMiddleware`` before the session and the sign-in middleware, so none
of them reads a session or a person, signed in or not. ``/healthz`` answers from the process alone:
it touches nothing, and is also the floor the benchmarks measure every page against (``make bench``).
``/healthz/deep`` and ``/metrics`` need the monitoring token (``monitoring.py``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from openpie.operations.health import deep_check
from openpie.operations.metrics import exposition
from openpie.operations.monitoring import monitor_allowed


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz_deep(request: HttpRequest) -> HttpResponse:
    if not monitor_allowed(request):
        raise Http404
    parts = deep_check()
    healthy = all(part.ok for part in parts)
    body = {
        "status": "ok" if healthy else "failing",
        "checks": {part.name: {"status": "ok" if part.ok else "failing", "detail": part.detail} for part in parts},
    }
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not monitor_allowed(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
