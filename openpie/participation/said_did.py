"""You said, we did: what service users said overall and what the team does about it, in easy words.

Shown on a link's page (and so the poster's QR code) once the round no longer takes answers.
The page is public, so the threshold is the one for anyone outside the organisation: only the answers
the overlay releases to outsiders count (whole batches of each block, docs/adr/0014), and the most
common answer is named only when the privacy rule allows it (``privacy.disclosable``, called, not copied).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.assessments.models import Action, Round
from openpie.assessments.overlay import privacy
from openpie.assessments.overlay.selectors import SERVICE_USERS, round_overlay
from openpie.participation import scale
from openpie.participation.models import SharedAction

TOO_FEW = gettext_lazy("Not enough people answered this to show it.")
HIDDEN = gettext_lazy("We cannot show this one. It could tell who said what.")
ACTION_WORDS: dict[str, Any] = {
    Action.Status.PLANNED: gettext_lazy("We will do this."),
    Action.Status.IN_PROGRESS: gettext_lazy("We are doing this now."),
    Action.Status.DONE: gettext_lazy("Done."),
    Action.Status.DROPPED: gettext_lazy("We could not do this."),
}


@dataclass(frozen=True)
class Said:
    question: str
    words: str


@dataclass(frozen=True)
class Did:
    what: str
    status: str
    words: str


def overall_words(levels: list[str], choices: list[int], *, threshold: int) -> str:
    """ "Most people said: Getting better." when the privacy rule lets the most common answer be shown."""
    answered = len(choices)
    if answered < threshold:
        return str(TOO_FEW)
    choice, count = sorted(Counter(choices).items(), key=lambda item: (-item[1], item[0]))[0]
    if not privacy.disclosable(count, answered, threshold):
        return str(HIDDEN)
    return _("Most people said: %(answer)s.") % {"answer": levels[choice - 1]}


def said(round_: Round) -> list[Said]:
    """Each question with what service users said overall, from the answers released to outsiders."""
    framework = round_.framework
    levels, per_level = len(framework.levels), framework.positions_per_level
    overlay = round_overlay(round_, audience=privacy.OUTSIDE)
    answers = []
    for view in overlay.threads:
        group = view.group(SERVICE_USERS)
        choices = [scale.position_to_choice(p, levels=levels, per_level=per_level) for p in group.positions]
        thread = view.summary.thread
        answers.append(
            Said(
                thread.easy_read or thread.name,
                overall_words(framework.easy_levels, choices, threshold=overlay.threshold),
            )
        )
    return answers


def did(round_: Round) -> list[Did]:
    """The actions the lead shared, with their status in easy words (one query)."""
    actions = Action.objects.filter(round=round_, shared_with_voices__isnull=False).order_by("created_at")
    return [Did(what=a.what, status=a.status, words=str(ACTION_WORDS.get(a.status, ""))) for a in actions]


def shared_ids(round_: Round) -> set[int]:
    return set(SharedAction.objects.filter(action__round=round_).values_list("action_id", flat=True))
