"""API: the practice library (tagged "Practice library").

Every example goes out through ``example_record``, as on the pages: an anonymous example's
organisation, unit, author and contact are null for everyone outside its organisation.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints

from openpie.common.api_schemas import ERRORS, READ_ERRORS, BodyIn
from openpie.common.api_types import Id, NoNul
from openpie.frameworks.models import Element, Framework
from openpie.organisations.access import get_unit_for_user
from openpie.organisations.models import Unit
from openpie.practice import selectors, services
from openpie.practice.access import get_example_for_user
from openpie.practice.models import PracticeExample
from openpie.practice.selectors import ExampleRecord, LibraryFilters

router = Router(tags=["Practice library"])

Text = Annotated[str, StringConstraints(max_length=services.LIMITS["story"]), NoNul]
Short = Annotated[str, StringConstraints(max_length=services.LIMITS["title"]), NoNul]
Key = Annotated[str, StringConstraints(max_length=60, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class LibraryQuery(Schema):
    q: Annotated[str, StringConstraints(max_length=200), NoNul] = Field(
        "", description="Words in the title, story or what changed."
    )
    element: Key | None = Field(
        None, description="A theme's or an element's key: examples about it (or any element of the theme)."
    )
    service_type: Unit.ServiceType | None = None
    limit: int = Field(20, ge=1, le=500, description="How many examples at most.")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many examples to skip.")


class ElementTagOut(Schema):
    key: str
    name: str
    theme_key: str


class ExampleOut(Schema):
    id: int
    title: str
    story: str
    what_changed: str
    elements: list[ElementTagOut]
    service_type: str
    client_group: str
    visibility: PracticeExample.Visibility
    anonymous: bool
    status: PracticeExample.Status
    published_at: datetime.datetime | None
    identity_shown: bool = Field(
        description="False when the example is anonymous and you are outside its organisation."
    )
    organisation_name: str | None
    unit_name: str | None
    author_name: str | None
    contact: str | None
    moderator_note: str | None = Field(description="For the author and the moderators only.")


class ExamplePage(Schema):
    count: int
    items: list[ExampleOut]


class ExampleIn(BodyIn):
    unit_id: Id = Field(description="The team or service the practice comes from (you need practice.share there).")
    framework_id: Id
    element_keys: list[Key] = Field(min_length=1, max_length=50)
    title: Short
    story: Text
    what_changed: Text
    contact: Short = ""
    visibility: PracticeExample.Visibility = PracticeExample.Visibility.NETWORK
    anonymous: bool = False


class Decision(StrEnum):
    PUBLISH = "publish"
    RETURN = "return"


class ModerationIn(BodyIn):
    decision: Decision
    note: Annotated[str, StringConstraints(max_length=services.LIMITS["note"]), NoNul] = Field(
        "", description="Needed to return an example: what the author should change."
    )


def _out(record: ExampleRecord) -> dict[str, Any]:
    data = asdict(record)
    data["id"] = data.pop("pk")
    return data


def _one(request: HttpRequest, example: PracticeExample) -> dict[str, Any]:
    refreshed = get_example_for_user(request.user, example.pk)
    return _out(selectors.example_record(refreshed, request.user))


def _values(request: HttpRequest, data: ExampleIn) -> dict[str, Any]:
    unit = get_unit_for_user(request.user, data.unit_id, action="practice.share")
    frameworks = Framework.objects.visible_to(request.user).published()  # type: ignore[arg-type]
    elements = list(
        Element.objects.filter(framework__in=frameworks, framework_id=data.framework_id, key__in=data.element_keys)
    )
    missing = set(data.element_keys) - {e.key for e in elements}
    if missing:
        raise ValidationError({"element_keys": f"No such element in this framework: {', '.join(sorted(missing))}"})
    fields = ("title", "story", "what_changed", "contact", "anonymous")
    return {
        "unit": unit,
        "elements": elements,
        "visibility": data.visibility.value,
        **{f: getattr(data, f) for f in fields},
    }


@router.get(
    "/practice/examples",
    response={200: ExamplePage, **READ_ERRORS},
    summary="Published examples you can read, newest first",
    description="Search and filter as on the library page; `limit` (20 unless given) and `offset` as every list.",
)
def example_list(request: HttpRequest, query: Query[LibraryQuery]) -> dict[str, Any]:
    filters = LibraryFilters(
        text=query.q.strip(),
        element=query.element or "",
        service_type=query.service_type.value if query.service_type else "",
    )
    count, records = selectors.library_slice(
        viewer=request.user, filters=filters, offset=query.offset, limit=query.limit
    )
    return {"count": count, "items": [_out(r) for r in records]}


@router.get("/practice/examples/{example_id}", response={200: ExampleOut, **READ_ERRORS}, summary="One example")
def example_detail(request: HttpRequest, example_id: int) -> dict[str, Any]:
    return _out(selectors.example_record(get_example_for_user(request.user, example_id), request.user))


@router.post(
    "/practice/examples",
    response={201: ExampleOut, **ERRORS},
    summary="Share an example (saved as a draft)",
    description="Only you see it until you submit it to a moderator.",
)
def example_create(request: HttpRequest, data: ExampleIn) -> Status[dict[str, Any]]:
    example = services.example_create(by=request.user, **_values(request, data))
    return Status(201, _one(request, example))


@router.put(
    "/practice/examples/{example_id}",
    response={200: ExampleOut, **ERRORS},
    summary="Change your draft (or an example returned to you)",
)
def example_update(request: HttpRequest, example_id: int, data: ExampleIn) -> dict[str, Any]:
    example = get_example_for_user(request.user, example_id, part="author")
    services.example_update(example=example, by=request.user, **_values(request, data))
    return _one(request, example)


@router.post(
    "/practice/examples/{example_id}/submit",
    response={200: ExampleOut, **ERRORS},
    summary="Send your draft to a moderator",
)
def example_submit(request: HttpRequest, example_id: int) -> dict[str, Any]:
    example = get_example_for_user(request.user, example_id, part="author")
    return _one(request, services.example_submit(example=example, by=request.user))


@router.post(
    "/practice/examples/{example_id}/moderation",
    response={200: ExampleOut, **ERRORS},
    summary="Publish a submitted example, or return it with a note (moderators)",
    description="Moderators are the organisation's admins and PIE leads (at its top unit) and platform admins.",
)
def example_moderate(request: HttpRequest, example_id: int, data: ModerationIn) -> dict[str, Any]:
    example = get_example_for_user(request.user, example_id, part="moderate")
    if data.decision == Decision.PUBLISH:
        services.example_publish(example=example, by=request.user)
    else:
        services.example_return(example=example, by=request.user, note=data.note)
    return _one(request, example)


@router.post(
    "/practice/examples/{example_id}/withdraw",
    response={200: ExampleOut, **ERRORS},
    summary="Withdraw your example: nobody else sees it again",
)
def example_withdraw(request: HttpRequest, example_id: int) -> dict[str, Any]:
    example = get_example_for_user(request.user, example_id, part="author")
    return _one(request, services.example_withdraw(example=example, by=request.user))
