"""Links and service users' answers for tests, made through the services."""

from __future__ import annotations

import secrets
from typing import Any

from openpie.assessments.models import Contribution, Round
from openpie.participation import services
from openpie.participation.models import ParticipationLink


def make_link(round_: Round, *, by: Any = None, label: str = "Poster in the lounge") -> ParticipationLink:
    return services.link_create(round_=round_, by=by, label=label)


def start(
    link: ParticipationLink, *, shares_comments: bool = False, display_name: str = "", start_key: str | None = None
) -> Contribution:
    return services.participation_start(
        link=link,
        start_key=start_key or secrets.token_urlsafe(24),
        consent=True,
        shares_comments=shares_comments,
        display_name=display_name,
    )


def answer_all(contribution: Contribution, position: int, *, comment: str = "") -> None:
    for thread in contribution.round.threads.all():
        services.participation_answer(contribution=contribution, thread=thread, position=position, comment=comment)


def finished(link: ParticipationLink, position: int = 10, **kwargs: Any) -> tuple[Contribution, str]:
    """A person who answered every question at ``position`` and finished: their contribution and code."""
    contribution = start(link, **kwargs)
    answer_all(contribution, position, comment="More activities at weekends")
    code = services.participation_finish(contribution=contribution)
    assert code is not None
    return contribution, code
