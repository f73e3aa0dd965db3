"""What the round pages share: the page context (breadcrumbs, stage navigation, what the person may do)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from openpie.assessments.models import Round
from openpie.organisations.access import can
from openpie.organisations.views import unit_breadcrumbs

# (url name, label) of the round's pages, in the order of the stage navigation.
ROUND_PAGES = (
    ("assessments:round", gettext_lazy("Overview")),
    ("assessments:stage-where", gettext_lazy("1. Where are we now?")),
    ("assessments:stage-evidence", gettext_lazy("2. What tells us so?")),
    ("assessments:stage-factors", gettext_lazy("3. What helps, what hinders?")),
    ("assessments:stage-actions", gettext_lazy("4. What will we do?")),
    ("assessments:stage-review", gettext_lazy("5. How did it go?")),
    ("assessments:report", gettext_lazy("Report")),
)


def round_context(request: Any, round_: Round, *, current: str, **extra: Any) -> dict[str, Any]:
    """Context for a page of a round: ``current`` is the page's url name (for the navigation and breadcrumbs)."""
    user = request.user
    pages = [(name, label, reverse(name, args=[round_.pk])) for name, label in ROUND_PAGES]
    label = dict(ROUND_PAGES).get(current, "")
    crumbs = unit_breadcrumbs(user, round_.unit)
    crumbs.append(
        (round_.title, reverse("assessments:round", args=[round_.pk]) if current != "assessments:round" else "")
    )
    if current != "assessments:round" and label:
        crumbs.append((str(label), ""))
    return {
        "round": round_,
        "round_pages": pages,
        "current_page": current,
        "breadcrumbs": crumbs,
        "can_record": round_.is_editable and can(user, "round.record", round_.unit),
        "can_close": can(user, "round.close", round_.unit),
        "can_start": can(user, "round.start", round_.unit),
        **extra,
    }
