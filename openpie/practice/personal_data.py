"""What the practice library holds of a person: the examples they shared (openpie/common/personal_data.py)."""

from __future__ import annotations

from typing import Any

from openpie.common.personal_data import KEPT, Holding, Section, register
from openpie.practice.models import PracticeExample


def practice_examples(person: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": p.title,
            "story": p.story,
            "what_changed": p.what_changed,
            "contact": p.contact,
            "status": p.get_status_display(),
            "written": p.created_at,
        }
        for p in PracticeExample.objects.filter(author=person).order_by("created_at")
    ]


register(
    Holding(
        app="practice",
        links={
            "PracticeExample.author": "practice_examples",
            "PracticeExample.moderated_by": f"{KEPT}: a moderator's decision, shown in the audit trail",
        },
        sections=(Section("practice_examples", "Practice examples you shared", practice_examples, order=130),),
    )
)
