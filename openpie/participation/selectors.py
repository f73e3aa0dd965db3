"""Reads for the lead's pages: links, and service users' contributions without their beads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpie.assessments.models import Contribution, Round
from openpie.assessments.overlay.privacy import small_group_threshold
from openpie.participation import codes
from openpie.participation.models import Participation, ParticipationLink


def round_links(round_: Round) -> list[ParticipationLink]:
    """The round's links, each with ``started``: how many began through it (one query)."""
    return list(
        ParticipationLink.objects.filter(round=round_).annotate(started=Count("participations")).order_by("-created_at")
    )


def start_signal(started: int, *, threshold: int) -> str:
    """Whether a link is reaching anyone, in words that reveal no one: never a number below the threshold."""
    if started <= 0:
        return _("Nobody yet")
    if started < threshold:
        return _("Fewer than %(threshold)d") % {"threshold": threshold}
    return _("%(threshold)d or more") % {"threshold": threshold}


def service_user_contributions(round_: Round) -> QuerySet[Contribution]:
    """Every service user's contribution to the round, oldest first, with how it came in (never the beads)."""
    return (
        Contribution.objects.filter(round=round_, kind=Contribution.Kind.SERVICE_USER)
        .select_related("participation", "participation__link", "participation__proxy_by")
        .only(
            "pk",
            "state",
            "created_at",
            "submitted_at",
            "display_name",
            "void_reason",
            "round_id",
            "participation__via",
            "participation__shares_comments",
            "participation__link__label",
            "participation__proxy_by__email",
        )
        .order_by("created_at")
    )


@dataclass(frozen=True)
class Finished:
    """How many have finished, in words that never show a small number."""

    count: int
    threshold: int

    @property
    def shown(self) -> bool:
        return self.count >= self.threshold

    @property
    def words(self) -> str:
        if not self.shown:
            return _("Fewer than %(threshold)d so far") % {"threshold": self.threshold}
        words = ngettext("%(count)d person has finished", "%(count)d people have finished", self.count)
        return words % {"count": self.count}


def finished_count(round_: Round) -> Finished:
    count = Contribution.objects.filter(
        round=round_, kind=Contribution.Kind.SERVICE_USER, state=Contribution.State.SUBMITTED
    ).count()
    return Finished(count=count, threshold=small_group_threshold())


def answers_taken_out_at(*, code: str) -> datetime | None:
    """When the person holding ``code`` took their answers out; ``None`` if the code is wrong or the
    answers are still in. Only the code's holder learns anything: the code is the secret."""
    normal = codes.normalise(code)
    digest = codes.code_hash(normal or "-")  # hashed either way, so no code takes as long as a wrong one
    if not normal:
        return None
    ended: datetime | None = (
        Participation.objects.filter(withdrawal_code_hash=digest, contribution__state=Contribution.State.WITHDRAWN)
        .values_list("contribution__ended_at", flat=True)
        .first()
    )
    return ended
