"""Words the round report and the overlay's report share."""

from __future__ import annotations


def held_back_text(count: int) -> str:
    """ "Held back by 2 barriers outside the team's control" (empty when there are none)."""
    if not count:
        return ""
    noun = "barrier" if count == 1 else "barriers"
    return f"Held back by {count} {noun} outside the team's control"
