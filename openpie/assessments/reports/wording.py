"""Words the round report and the overlay's report share."""

from __future__ import annotations

from django.utils.translation import ngettext


def held_back_text(count: int) -> str:
    """ "Held back by 2 barriers outside the team's control" (empty when there are none)."""
    if not count:
        return ""
    return ngettext(
        "Held back by %(count)s barrier outside the team's control",
        "Held back by %(count)s barriers outside the team's control",
        count,
    ) % {"count": count}
