"""Template tags for drawing bead lines and writing positions in words.

``{% load beads %}``, then:

- ``{% bead_line framework position target ghost name="Awareness" %}``: a thread's line with the
  team's bead, the target and the previous round's ghost, and the same in words beside it;
- ``{% paper_line framework name="Awareness" %}``: the paper form's line (three places a level) to circle;
- ``{{ position|place:framework }}``: "Basic 2" (or "Not placed").
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from openpie.assessments.reports.beads import bead_line as make_line
from openpie.assessments.scale import Scale
from openpie.frameworks.models import Framework

register = template.Library()


def _with_ghost(framework: Framework, text: str, ghost: int | None) -> str:
    if ghost is None:
        return text
    return _("%(bead)s; last round %(before)s") % {"bead": text, "before": Scale.of(framework).brief(ghost)}


@register.inclusion_tag("assessments/_bead_line.html")
def bead_line(
    framework: Framework,
    position: int | None,
    target: int | None = None,
    ghost: int | None = None,
    name: str = "",
) -> dict[str, Any]:
    text = _with_ghost(framework, Scale.of(framework).bead(position, target), ghost)
    line = make_line(
        title=_("%(name)s: %(bead)s") % {"name": name, "bead": text} if name else text,
        levels=list(framework.levels),
        per_level=framework.positions_per_level,
        position=position,
        target=target,
        ghost=ghost,
    )
    return {"line": line, "text": text, "paper": False}


@register.inclusion_tag("assessments/_bead_line.html")
def paper_line(framework: Framework, name: str = "") -> dict[str, Any]:
    per_level = framework.paper_positions_per_level
    levels = list(framework.levels)
    title = _("%(count)s levels, %(places)s places in each: %(levels)s") % {
        "count": len(levels),
        "places": per_level,
        "levels": ", ".join(levels),
    }
    line = make_line(
        title=_("%(name)s: %(bead)s") % {"name": name, "bead": title} if name else title,
        levels=levels,
        per_level=per_level,
        paper=True,
    )
    text = _("Circle the place that fits best now. Mark where you want to be next time with a T.")
    return {"line": line, "text": text, "paper": True}


@register.filter
def place(position: int | None, framework: Framework) -> str:
    """ "Basic 2" for a position on the framework's scale; "Not placed" for none."""
    if position is None:
        return _("Not placed")
    return Scale.of(framework).brief(position)
