"""``{% level_descriptors guidance thread %}``: what each level looks like, beside a thread's bead.

``guidance`` is ``openpie.assessments.guidance.round_guidance(round_=round)`` (once per page);
``position`` (optional) marks the level the bead is in; ``inline`` shows the list without a disclosure of its
own (inside another one, as on the stage 1 board).
"""

from __future__ import annotations

from typing import Any

from django import template

from openpie.assessments.guidance import ThreadGuidance
from openpie.assessments.models import Thread

register = template.Library()


@register.inclusion_tag("assessments/_level_descriptors.html")
def level_descriptors(
    guidance: dict[int, ThreadGuidance],
    thread: Thread,
    position: int | None = None,
    open: bool = False,
    inline: bool = False,
) -> dict[str, Any]:
    found = guidance.get(thread.pk)
    return {
        "guidance": found,
        "thread": thread,
        "current": found.level_of(position) if found else None,
        "open": open,
        "inline": inline,
    }
