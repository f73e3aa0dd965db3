"""``{% load voices %}{% round_voices round as voices %}``: which many-voices pages (your own beads,
the session, the overlay) to offer the signed-in person on a round. Remembered for the request,
so a page may ask more than once."""

from __future__ import annotations

from typing import Any

from django import template

from openpie.assessments.models import Round
from openpie.assessments.views.voices import VoicesLinks, voices_links

register = template.Library()


@register.simple_tag(takes_context=True)
def round_voices(context: template.Context, round_: Round) -> VoicesLinks:
    request: Any = context["request"]
    cache: dict[int, VoicesLinks] = request.__dict__.setdefault("_openpie_voices", {})
    if round_.pk not in cache:
        cache[round_.pk] = voices_links(request.user, round_)
    return cache[round_.pk]
