"""API: frameworks, with their themes, elements, scale and barrier kinds."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from openpie.common.api_schemas import READ_ERRORS, ErrorOut, PageQuery, ValidationErrorOut, page
from openpie.frameworks.access import get_framework_for_user
from openpie.frameworks.models import Framework

router = Router(tags=["Frameworks"])


class FrameworkSummaryOut(Schema):
    id: int
    key: str
    version: str
    name: str
    status: str
    owner_id: int | None


class ScaleOut(Schema):
    levels: list[str]
    positions_per_level: int
    paper_positions_per_level: int
    position_count: int


class ThreadOut(Schema):
    key: str
    name: str
    short_name: str
    description: str
    guiding_questions: list[str]
    easy_read: str
    level_descriptors: list[str] = Field(description="What each level looks like, one per level (may be empty).")
    review_criteria: list[str] = Field(description="Statements a team rates red, amber or green (may be empty).")


class ThemeOut(ThreadOut):
    elements: list[ThreadOut]


class BarrierKindOut(Schema):
    key: str
    name: str
    description: str


class FrameworkOut(FrameworkSummaryOut):
    description: str
    scale: ScaleOut
    barrier_kinds: list[BarrierKindOut]
    themes: list[ThemeOut]


class FrameworkPage(Schema):
    count: int
    items: list[FrameworkSummaryOut]


@router.get(
    "/frameworks",
    response={200: FrameworkPage, 401: ErrorOut, 422: ValidationErrorOut},
    summary="Frameworks you can see",
)
def framework_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    return page(list(Framework.objects.visible_to(request.user).order_by("pk")), query, lambda f: f)  # type: ignore[arg-type]


def _thread(item: object) -> dict[str, object]:
    fields = (
        "key",
        "name",
        "short_name",
        "description",
        "guiding_questions",
        "easy_read",
        "level_descriptors",
        "review_criteria",
    )
    return {f: getattr(item, f) for f in fields}


@router.get(
    "/frameworks/{framework_id}",
    response={200: FrameworkOut, **READ_ERRORS},
    summary="A framework: scale, themes with their elements, and kinds of barrier",
)
def framework_detail(request: HttpRequest, framework_id: int) -> dict[str, object]:
    framework = get_framework_for_user(request.user, framework_id)
    themes = framework.themes.prefetch_related("elements").order_by("position")
    return {
        "id": framework.pk,
        "key": framework.key,
        "version": framework.version,
        "name": framework.name,
        "status": framework.status,
        "owner_id": framework.owner_id,
        "description": framework.description,
        "scale": {
            "levels": framework.levels,
            "positions_per_level": framework.positions_per_level,
            "paper_positions_per_level": framework.paper_positions_per_level,
            "position_count": framework.position_count,
        },
        "barrier_kinds": list(framework.barrier_kinds.values("key", "name", "description")),
        "themes": [
            {**_thread(t), "elements": [_thread(e) for e in sorted(t.elements.all(), key=lambda e: e.position)]}
            for t in themes
        ],
    }
