"""Peer review on other apps' pages: the round overview's stage 5 task (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from openpie.assessments.models import Round
from openpie.organisations.access import can
from openpie.reviews.models import PeerReview

register = template.Library()


@register.inclusion_tag("reviews/_round_task.html", takes_context=True)
def peer_review_task(context: dict[str, Any], round_: Round) -> dict[str, Any]:
    user = context["request"].user
    reviews = list(PeerReview.objects.filter(round=round_).select_related("reviewer", "reviewer_unit"))
    return {
        "round": round_,
        "reviews": reviews,
        "finished": len([r for r in reviews if r.submitted_at is not None]),
        "can_invite": can(user, "review.invite", round_.unit) and not round_.is_check_in,
    }
