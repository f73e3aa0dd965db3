"""The team's red / amber / green ratings of a thread's review criteria, each with a note.

Saved like the team's other records: the round must be a draft or open, each rating names the version
it started from (``edits``), and the audit entry is written in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openpie.assessments.models import CriterionRating, Thread
from openpie.assessments.services.edits import EditConflictError, clean_text, versioned_update
from openpie.assessments.services.stages import require_editable
from openpie.audit.services import audit_record

NOTE_LIMIT = 2000


@dataclass(frozen=True)
class RatingInput:
    """One criterion's rating as given: ``position`` in the thread's criteria, ``version`` 0 if not yet rated."""

    position: int
    rating: str
    note: str
    version: int = 0


def _checked(given: RatingInput, criteria: list[str]) -> dict[str, str]:
    if not 0 <= given.position < len(criteria):
        raise ValidationError(
            _("This thread has no review criterion number %(number)s.") % {"number": given.position + 1}
        )
    field = f"rating_{given.position}"
    if given.rating not in {"", *CriterionRating.Rating.values}:
        raise ValidationError({field: _("Choose red, amber, green or not rated")})
    note = clean_text(given.note, field=f"note_{given.position}", label=_("The note"), required=False, limit=NOTE_LIMIT)
    return {"statement": criteria[given.position], "rating": given.rating, "note": note}


@transaction.atomic
def criteria_ratings_record(
    *, thread: Thread, criteria: list[str], ratings: list[RatingInput], by: Any
) -> list[CriterionRating]:
    """Record the team's ratings of ``thread``'s review ``criteria`` (as the round words them).

    Raises ``ValidationError`` naming the field at fault, or ``EditConflictError`` if someone saved a
    rating after the version this change started from; either way nothing is saved.
    """
    require_editable(thread.round)
    checked = [(given, _checked(given, criteria)) for given in ratings]
    existing = {r.position: r for r in CriterionRating.objects.select_for_update().filter(thread=thread)}
    saved: list[CriterionRating] = []
    for given, values in checked:
        found = existing.get(given.position)
        if found is None:
            if given.version:
                raise EditConflictError(current=thread, theirs={}, yours=values)
            found = CriterionRating.objects.create(
                thread=thread, position=given.position, created_by=by, updated_by=by, **values
            )
        elif {k: getattr(found, k) for k in values} != values:
            found = versioned_update(found, version=given.version, by=by, **values)
        saved.append(found)
    rated = {str(g.position + 1): v["rating"] or "not rated" for g, v in checked}
    organisation = thread.round.unit.organisation_id
    audit_record(actor=by, action="criteria.rate", target=thread, organisation=organisation, ratings=rated)
    return saved
