"""Reads for what each level looks like and the review criteria of a round's threads, with the team's
red / amber / green ratings of those criteria.

A round keeps the level descriptions and criteria its threads had when it began (docs/adr/0005, like
its wording); a round begun before threads kept them reads the organisation's current wording of the
framework, with the framework's own text as the fallback. A fixed number of queries, however many
threads. Ratings steady a judgement: they are shown, never counted as a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from openpie.assessments.models import CriterionRating, Round, Thread
from openpie.frameworks.selectors import framework_for


@dataclass(frozen=True)
class LevelText:
    """One level of the scale and what it looks like for a thread."""

    number: int  # 1-based, left to right
    name: str
    text: str
    first: int  # the level's first and last bead positions
    last: int

    def holds(self, position: int | None) -> bool:
        return position is not None and self.first <= position <= self.last


@dataclass(frozen=True)
class CriterionView:
    position: int
    statement: str
    rating: CriterionRating | None

    @property
    def rating_label(self) -> str:
        return self.rating.get_rating_display() if self.rating and self.rating.rating else _("Not rated")


@dataclass
class ThreadGuidance:
    """A thread's level descriptions and review criteria, with the team's ratings."""

    thread: Thread
    levels: list[LevelText]
    criteria: list[CriterionView] = field(default_factory=list)

    @property
    def has_descriptors(self) -> bool:
        return any(level.text for level in self.levels)

    @property
    def statements(self) -> list[str]:
        return [c.statement for c in self.criteria]

    def level_of(self, position: int | None) -> LevelText | None:
        return next((level for level in self.levels if level.holds(position)), None)


def _current_text(round_: Round) -> dict[str, tuple[list[str], list[str]]]:
    """The organisation's current wording of the round's framework, for threads that kept none."""
    themes = framework_for(round_.framework, round_.unit.organisation)
    return {t.key: (t.level_descriptors, t.review_criteria) for theme in themes for t in [theme, *theme.elements]}


def round_guidance(
    *, round_: Round, threads: list[Thread] | None = None, with_ratings: bool = True
) -> dict[int, ThreadGuidance]:
    """Every thread of the round (by id) with its level descriptions, criteria and the team's ratings.

    A page that has loaded the round's ``threads`` already passes them; ``with_ratings=False`` leaves
    the ratings out (no query for them: beside the bead only the level descriptions are shown).
    """
    framework = round_.framework
    if threads is None:
        found = round_.threads.order_by("position")
        threads = list(found.prefetch_related("criterion_ratings") if with_ratings else found)
    current = _current_text(round_) if any(not (t.level_descriptors or t.review_criteria) for t in threads) else {}
    per = framework.positions_per_level
    out: dict[int, ThreadGuidance] = {}
    for thread in threads:
        descriptors, criteria = thread.level_descriptors, thread.review_criteria
        if not (descriptors or criteria):
            descriptors, criteria = current.get(thread.key, ([], []))
        texts = list(descriptors) + [""] * (len(framework.levels) - len(descriptors))
        levels = [
            LevelText(number=i + 1, name=name, text=texts[i], first=i * per + 1, last=(i + 1) * per)
            for i, name in enumerate(framework.levels)
        ]
        ratings = {r.position: r for r in thread.criterion_ratings.all()} if with_ratings else {}
        views = [CriterionView(position=i, statement=s, rating=ratings.get(i)) for i, s in enumerate(criteria)]
        out[thread.pk] = ThreadGuidance(thread=thread, levels=levels, criteria=views)
    return out


def thread_guidance(*, thread: Thread) -> ThreadGuidance:
    """One thread's level descriptions, criteria and ratings (the thread's round is loaded)."""
    return round_guidance(round_=thread.round)[thread.pk]
