"""``{% load voices %}{% round_voices round as voices %}``: which many-voices pages (your own beads,
the session, the overlay) to offer the signed-in person on a round's overview, from the round and
the person's roles alone (no query: the overview keeps a fixed query budget)."""

from __future__ import annotations

from typing import Any

from django import template

from openpie.assessments.models import Round
from openpie.assessments.views.voice_links import VoicesLinks, voices_links_brief

register = template.Library()


@register.simple_tag(takes_context=True)
def round_voices(context: template.Context, round_: Round) -> VoicesLinks:
    request: Any = context["request"]
    return voices_links_brief(request.user, round_)
