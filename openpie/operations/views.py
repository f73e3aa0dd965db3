"""The health check for load balancers and monitors: answers from the process alone.

It touches neither the database nor the session, so it is also the floor the benchmarks measure
every page against (``make bench``): what Django itself costs on this server.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
