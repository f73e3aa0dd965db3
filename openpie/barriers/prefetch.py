"""For pages listing a round's factors: each factor's latest response, in the same query.

The latest response's status, text, date and organisation are annotated onto each factor
(``latest_response_status`` and so on) as subqueries, so those pages run no extra query. Kept apart
from the selectors so the rounds' selectors can use it without importing the register.
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from openpie.barriers.models import BarrierResponse


def latest_response_annotations() -> dict[str, Any]:
    # A copy carried into a later round shows the responses to the barrier as first raised.
    barrier = Coalesce(OuterRef("origin_id"), OuterRef("pk"))
    latest = BarrierResponse.objects.filter(factor_id=barrier).order_by("-created_at", "-pk")
    return {
        "latest_response_status": Subquery(latest.values("status")[:1]),
        "latest_response_text": Subquery(latest.values("text")[:1]),
        "latest_response_at": Subquery(latest.values("created_at")[:1]),
        "latest_response_organisation": Subquery(latest.values("responder_organisation__name")[:1]),
    }
