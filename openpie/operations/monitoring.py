"""Who may read the deep health check and the metrics: a monitor holding ``OPENPIE_MONITORING_TOKEN``.

The token is sent as ``Authorization: Bearer <token>`` (Prometheus' ``authorization`` scrape setting).
Without the setting both pages are off; without the right token they answer 404, like any address
that does not exist, so they tell a stranger nothing.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest

PREFIX = "Bearer "


def monitor_allowed(request: HttpRequest) -> bool:
    expected: str = settings.OPENPIE_MONITORING_TOKEN
    given = request.headers.get("Authorization", "")
    if not expected or not given.startswith(PREFIX):
        return False
    return hmac.compare_digest(given[len(PREFIX) :].strip().encode(), expected.encode())
