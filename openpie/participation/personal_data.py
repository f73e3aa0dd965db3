"""What participation holds of a person with an account: answers they entered for a service user
and the take-part links they made or closed (openpie/common/personal_data.py). Service users who
take part without an account are no one here: nothing links their answers to anyone."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openpie.common.personal_data import KEPT, Holding, Section, register, where
from openpie.participation.models import Participation, ParticipationLink


def answers_entered(person: Any) -> list[dict[str, Any]]:
    rows = Participation.objects.filter(proxy_by=person).select_related("contribution__round__unit__organisation")
    return [{**where(p.contribution.round), "on": p.consented_at} for p in rows.order_by("consented_at")]


def participation_links(person: Any) -> list[dict[str, Any]]:
    rows = (
        ParticipationLink.objects.filter(Q(created_by=person) | Q(closed_by=person))
        .select_related("round__unit__organisation")
        .order_by("created_at")
    )
    return [
        {
            **where(link.round),
            "label": link.label,
            "you_made_it": link.created_by_id == person.pk,
            "you_closed_it": link.closed_by_id == person.pk,
            "made": link.created_at,
        }
        for link in rows
    ]


register(
    Holding(
        app="participation",
        links={
            "Participation.proxy_by": "answers_entered_for_someone",
            "ParticipationLink.created_by": "participation_links",
            "ParticipationLink.closed_by": "participation_links",
            "SharedAction.shared_by": f"{KEPT}: a team's action shown to service users, not the person's",
        },
        sections=(
            Section(
                "answers_entered_for_someone",
                cast(str, _("Answers you entered for a service user")),
                answers_entered,
                order=110,
            ),
            Section(
                "participation_links",
                cast(str, _("Take-part links you made or closed")),
                participation_links,
                order=112,
            ),
        ),
    )
)
