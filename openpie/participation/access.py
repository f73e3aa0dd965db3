"""Access helpers for the lead's participation pages: through the round's helper (404 outside, 403 without the role)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from openpie.assessments.access import get_round_for_user
from openpie.assessments.models import Contribution
from openpie.participation.models import ParticipationLink


def get_link_for_user(user: Any, pk: int, *, action: str = "participation.manage") -> ParticipationLink:
    round_id = ParticipationLink.objects.filter(pk=pk).values_list("round_id", flat=True).first()
    if round_id is None:
        raise Http404(_("No such link."))
    round_ = get_round_for_user(user, round_id, action=action)
    link = ParticipationLink.objects.get(pk=pk)
    link.round = round_
    return link


def get_service_user_contribution_for_user(user: Any, pk: int, *, action: str) -> Contribution:
    """A service user's contribution (never staff's) in a round the person may act on."""
    found = Contribution.objects.filter(pk=pk, kind=Contribution.Kind.SERVICE_USER).first()
    if found is None:
        raise Http404(_("No such contribution."))
    found.round = get_round_for_user(user, found.round_id, action=action)
    return found
