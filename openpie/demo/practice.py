"""The demo's practice library: four published examples from Riverside Housing Trust, one of them
anonymous. Idempotent: nothing is added if the demo organisation already has examples."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from openpie.accounts.models import User
from openpie.frameworks.models import Element, Framework
from openpie.organisations.models import Organisation, Unit
from openpie.practice import services
from openpie.practice.models import PracticeExample

# (unit, author, title, story, what changed, element keys, visibility, anonymous, contact)
EXAMPLES = (
    (
        "Harbour House",
        "staff@openpie.example",
        "Keyworker walks instead of office meetings",
        "Keyworkers offer to meet residents for a walk to the park or the shop rather than in the office. "
        "The conversation is side by side, not across a desk, and it can end whenever the resident wants.",
        "More residents keep their keywork sessions, and they talk about things they never raised in the office. "
        "Staff say the relationship feels less like an interview.",
        ["engagement-approaches-and-techniques", "the-built-environment-and-its-social-spaces"],
        PracticeExample.Visibility.EVERYONE,
        False,
        "Jo Evans, keyworker",
    ),
    (
        "The Bridge Day Centre",
        "lead@openpie.example",
        "Residents' rules review",
        "Twice a year, people who use the day centre go through every house rule with staff and decide together "
        "which to keep, change or drop. Each rule that stays is written with the reason for it.",
        "There are half as many rules, and arguments at the door about them have almost stopped.",
        ["rules-and-procedures", "responsiveness"],
        PracticeExample.Visibility.EVERYONE,
        True,
        "",
    ),
    (
        "Street Outreach Team",
        "lead@openpie.example",
        "Reflective practice after difficult shifts",
        "After a shift with a death, an assault or a hard refusal, the team meets for twenty minutes with a "
        "facilitator before going home, to talk about what happened and how it felt.",
        "Fewer staff take sick leave after critical incidents, and the team says it trusts each other more.",
        ["reflective-practice-and-action-learning", "staff-support"],
        PracticeExample.Visibility.NETWORK,
        False,
        "",
    ),
    (
        "Willow Court",
        "lead@openpie.example",
        "Peer mentors on the welcome rota",
        "Two former residents, paid as peer mentors, meet every new arrival on their first day and show them round.",
        "New residents say they felt welcome; fewer leave in their first week.",
        ["roles", "engagement-approaches-and-techniques"],
        PracticeExample.Visibility.EVERYONE,
        False,
        "Willow Court manager",
    ),
)


@transaction.atomic
def seed_demo_practice(*, organisation: Organisation, moderator: Any) -> bool:
    """Publish the demo examples, if the organisation has none yet."""
    if PracticeExample.objects.filter(organisation=organisation).exists():
        return False
    framework = Framework.objects.published().filter(key="pies-2", owner__isnull=True).order_by("-created_at").first()
    if framework is None:
        return False
    for unit_name, email, title, story, changed, keys, visibility, anonymous, contact in EXAMPLES:
        author = User.objects.filter(email=email).first()
        unit = Unit.objects.filter(organisation=organisation, name=unit_name).first()
        if author is None or unit is None:
            continue
        example = services.example_create(
            by=author,
            unit=unit,
            elements=list(Element.objects.filter(framework=framework, key__in=keys)),
            title=title,
            story=story,
            what_changed=changed,
            contact=contact,
            visibility=visibility,
            anonymous=anonymous,
        )
        services.example_submit(example=example, by=author)
        services.example_publish(example=example, by=moderator)
    return True
