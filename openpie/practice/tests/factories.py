"""Practice examples for tests, made through the services (so they move through the real states)."""

from __future__ import annotations

from typing import Any

from openpie.frameworks.models import Element, Framework
from openpie.organisations.models import Unit
from openpie.practice import services
from openpie.practice.models import PracticeExample

DEFAULT_ELEMENTS = ("staff-support", "engagement-approaches-and-techniques")


def make_example(
    *,
    author: Any,
    unit: Unit,
    framework: Framework,
    status: str = PracticeExample.Status.PUBLISHED,
    moderator: Any = None,
    elements: tuple[str, ...] = DEFAULT_ELEMENTS,
    title: str = "Walk and talk keywork",
    story: str = "We meet residents for a walk instead of in the office.",
    what_changed: str = "More people keep their sessions.",
    contact: str = "",
    visibility: str = PracticeExample.Visibility.EVERYONE,
    anonymous: bool = False,
) -> PracticeExample:
    example = services.example_create(
        by=author,
        unit=unit,
        elements=list(Element.objects.filter(framework=framework, key__in=elements)),
        title=title,
        story=story,
        what_changed=what_changed,
        contact=contact,
        visibility=visibility,
        anonymous=anonymous,
    )
    if status == PracticeExample.Status.DRAFT:
        return example
    services.example_submit(example=example, by=author)
    if status == PracticeExample.Status.PUBLISHED:
        services.example_publish(example=example, by=moderator or author)
    elif status == PracticeExample.Status.RETURNED:
        services.example_return(example=example, by=moderator or author, note="Please say more.")
    elif status == PracticeExample.Status.WITHDRAWN:
        services.example_withdraw(example=example, by=author)
    return PracticeExample.objects.get(pk=example.pk)
