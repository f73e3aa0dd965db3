from __future__ import annotations

from django import template

from openpie.barriers.models import BarrierResponse

register = template.Library()


@register.filter
def response_status(value: str | None) -> str:
    """A response's status in words: "action_agreed" → "Action agreed"."""
    return str(dict(BarrierResponse.Status.choices).get(value or "", ""))
