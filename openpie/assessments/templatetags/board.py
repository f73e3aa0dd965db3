"""The stage 1 board's bead positions, written in Python.

``{% load board %}{% board_levels track field target=… target_value=… can_record=… %}``: the banded
levels of one track, one native radio per position (``templates/assessments/_board_track.html`` holds
the rest). A board has 20 threads × 2 tracks × 20 positions; drawn by the template language this loop
was most of the stage 1 page's time (measured: docs/performance.md), and it is the same markup each time.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SLOT = (
    '<span class="openpie-board-track__slot{classes}" data-slot>\n'
    '<input class="openpie-board-track__input" type="radio" id="{id}" name="{name}" value="{value}"'
    ' aria-label="{label}"{checked}{disabled}>\n'
    '<label class="openpie-board-track__bead" for="{id}"><span class="openpie-board-track__place"'
    ' aria-hidden="true">{within}</span></label>\n'
    "</span>"
)


def _slot(slot: Any, *, name: str, target: bool, target_value: str, can_record: bool) -> str:
    classes = " openpie-board-track__slot--ghost" if slot.ghost else ""
    if not target and target_value == str(slot.value):
        classes += " openpie-board-track__slot--target"
    return SLOT.format(
        classes=classes,
        id=escape(slot.id),
        name=escape(name),
        value=int(slot.value),
        label=escape(slot.label),
        checked=" checked" if slot.checked else "",
        disabled="" if can_record else " disabled",
        within=int(slot.within),
    )


@register.simple_tag
def board_levels(
    track: list[Any], field: Any, *, target: bool = False, target_value: Any = None, can_record: bool = False
) -> SafeString:
    """The levels of one track, each named (unless it is the slim target row) and holding its positions."""
    chosen = "" if target_value is None else str(target_value)
    parts = []
    for number, level in enumerate(track, start=1):
        name = (
            ""
            if target
            else f'<span class="openpie-board-track__level-name" aria-hidden="true">{escape(level.name)}</span>'
        )
        slots = "\n".join(
            _slot(slot, name=field.html_name, target=target, target_value=chosen, can_record=can_record)
            for slot in level.slots
        )
        parts.append(
            f'<div class="openpie-board-track__level openpie-board-track__level--{number}">\n{name}\n'
            f'<span class="openpie-board-track__slots">\n{slots}\n</span>\n</div>'
        )
    return mark_safe("\n".join(parts))  # noqa: S308 (every value above is escaped or an int)
