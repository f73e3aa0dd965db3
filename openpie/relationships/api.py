"""API: the relationships view of a round or of everything below a unit (tagged "Relationships")."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from openpie.assessments.access import get_round_for_user
from openpie.common.api_schemas import READ_ERRORS
from openpie.organisations.access import get_unit_for_user
from openpie.relationships.selectors import KINDS, Relationships, round_relationships, unit_relationships

router = Router(tags=["Relationships"])


class MentionOut(Schema):
    kind: str = Field(description="evidence, factors or actions")
    text: str = Field(description="The text as recorded (plain, not highlighted).")
    words: list[str] = Field(description="The relationship words found in it, as written.")
    url: str = Field(description="Where it is in the round, on the site.")
    round_title: str
    unit_name: str


class RelationshipThreadOut(Schema):
    key: str
    name: str
    evidence: int
    factors: int
    actions: int
    mentions: list[MentionOut]


class RelationshipsOut(Schema):
    words: list[str]
    rounds: int
    totals: dict[str, int]
    threads: list[RelationshipThreadOut]


def _out(found: Relationships) -> dict[str, Any]:
    threads = []
    for thread in found.threads:
        if not thread.total:
            continue
        mentions = [
            {
                "kind": kind,
                "text": m.plain,
                "words": list(m.words),
                "url": m.url,
                "round_title": m.round_title,
                "unit_name": m.unit_name,
            }
            for kind, _label, items in thread.kinds()
            for m in items
        ]
        counts = {kind: len(getattr(thread, kind)) for kind, _label in KINDS}
        threads.append({"key": thread.key, "name": thread.name, **counts, "mentions": mentions})
    return {"words": found.words, "rounds": found.rounds, "totals": found.totals, "threads": threads}


@router.get(
    "/rounds/{round_id}/relationships",
    response={200: RelationshipsOut, **READ_ERRORS},
    summary="What a round records about relationships, thread by thread",
    description="Evidence, factors and actions whose text uses the framework's relationship words.",
)
def round_view(request: HttpRequest, round_id: int) -> dict[str, Any]:
    return _out(round_relationships(round_=get_round_for_user(request.user, round_id)))


@router.get(
    "/units/{unit_id}/relationships",
    response={200: RelationshipsOut, **READ_ERRORS},
    summary="What the latest rounds below a unit record about relationships",
    description="The latest round of each unit at or below this one (as the overview counts them); "
    "units of your own organisation only.",
)
def unit_view(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    return _out(unit_relationships(unit=get_unit_for_user(request.user, unit_id, action="overview.view")))
