"""API: what each level looks like for a round's threads, and the team's review criteria ratings.

Ratings are the team's (like its bead): anyone who may record in the round may change them, naming the
version each started from. They are shown, never counted as a score.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from openpie.assessments import services
from openpie.assessments.access import get_round_for_user, get_thread_for_user
from openpie.assessments.guidance import ThreadGuidance, round_guidance
from openpie.common.api_schemas import READ_ERRORS, WRITE_ERRORS, PageQuery, page

router = Router()


class LevelOut(Schema):
    name: str
    description: str = Field(description="What this level looks like in practice; empty if the framework has none.")
    first_position: int
    last_position: int


class CriterionOut(Schema):
    position: int = Field(description="The criterion's place in the thread's list, from 0.")
    statement: str
    rating: Literal["red", "amber", "green", ""] = Field(description="Empty when not rated.")
    note: str
    version: int = Field(description="0 when not rated yet; send it back to change the rating.")


class ThreadCriteriaOut(Schema):
    thread_id: int
    key: str
    name: str
    levels: list[LevelOut]
    criteria: list[CriterionOut]


class ThreadCriteriaPage(Schema):
    count: int
    items: list[ThreadCriteriaOut]


class RatingIn(Schema):
    position: int = Field(ge=0, le=50)
    rating: Literal["red", "amber", "green", ""] = ""
    note: str = Field("", max_length=5000)
    version: int = Field(0, ge=0, description="The version you read; 0 for a criterion not rated yet.")


class RatingsIn(Schema):
    ratings: list[RatingIn] = Field(max_length=50)


def _out(guidance: ThreadGuidance) -> dict[str, object]:
    thread = guidance.thread
    return {
        "thread_id": thread.pk,
        "key": thread.key,
        "name": thread.name,
        "levels": [
            {"name": lv.name, "description": lv.text, "first_position": lv.first, "last_position": lv.last}
            for lv in guidance.levels
        ],
        "criteria": [
            {
                "position": c.position,
                "statement": c.statement,
                "rating": c.rating.rating if c.rating else "",
                "note": c.rating.note if c.rating else "",
                "version": c.rating.version if c.rating else 0,
            }
            for c in guidance.criteria
        ],
    }


@router.get(
    "/rounds/{round_id}/review-criteria",
    response={200: ThreadCriteriaPage, **READ_ERRORS},
    summary="What each level looks like, and the review criteria with the team's ratings, thread by thread",
)
def criteria_list(request: HttpRequest, round_id: int, query: Query[PageQuery]) -> dict[str, Any]:
    round_ = get_round_for_user(request.user, round_id)
    return page(list(round_guidance(round_=round_).values()), query, _out)


@router.put(
    "/threads/{thread_id}/review-criteria",
    response={200: ThreadCriteriaOut, **WRITE_ERRORS},
    summary="Rate a thread's review criteria red, amber or green, with a note",
    description="Send the version you read for each rating (0 if not rated yet); if someone saved in between, "
    "nothing is saved and the answer is 409. Ratings are not a score.",
)
def criteria_rate(request: HttpRequest, thread_id: int, data: RatingsIn) -> dict[str, object]:
    thread = get_thread_for_user(request.user, thread_id, action="round.record")
    guidance = round_guidance(round_=thread.round)[thread.pk]
    services.criteria_ratings_record(
        thread=thread,
        criteria=guidance.statements,
        ratings=[services.RatingInput(r.position, r.rating, r.note, r.version) for r in data.ratings],
        by=request.user,
    )
    return _out(round_guidance(round_=thread.round)[thread.pk])
