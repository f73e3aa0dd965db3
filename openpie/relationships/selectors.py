"""The relationships view: the evidence, factors and actions that speak of relationships, thread by thread.

Relationships are not a theme: they run through every thread. The framework's word list
(``Framework.relationship_words``) says what "speaks of relationships"; ``matcher`` finds the words.
For a round, or for the overview at a unit (the latest round of each unit below it, as the overview
counts them: ``openpie.insights.selectors.latest_rounds``). A fixed number of queries: the threads,
the word lists, and one query per kind, narrowed in the database by the words' stems.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from openpie.assessments.models import Action, Evidence, Factor, Round, Thread
from openpie.frameworks.models import Framework, RelationshipWordList
from openpie.frameworks.selectors import ThreadNames, relationship_words_for, thread_names
from openpie.insights.selectors import latest_rounds
from openpie.organisations.models import Unit
from openpie.relationships.matcher import Matcher

KINDS = (
    ("evidence", gettext_lazy("Evidence")),
    ("factors", gettext_lazy("What helps or hinders")),
    ("actions", gettext_lazy("Actions")),
)
NO_THREAD = "no-thread"


@dataclass(frozen=True)
class Mention:
    kind: str
    plain: str  # as recorded
    text: SafeString  # escaped, the words in <mark>
    words: tuple[str, ...]
    url: str
    round_title: str
    unit_name: str


@dataclass
class ThreadMentions:
    key: str
    name: str
    order: int
    evidence: list[Mention] = field(default_factory=list)
    factors: list[Mention] = field(default_factory=list)
    actions: list[Mention] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.evidence) + len(self.factors) + len(self.actions)

    def kinds(self) -> list[tuple[str, str, list[Mention]]]:
        return [(kind, str(label), getattr(self, kind)) for kind, label in KINDS]


@dataclass
class Relationships:
    words: list[str]
    threads: list[ThreadMentions]
    rounds: int

    @property
    def totals(self) -> dict[str, int]:
        return {kind: sum(len(getattr(t, kind)) for t in self.threads) for kind, _label in KINDS}

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def _narrowed(rows: QuerySet, field_name: str, stems: Iterable[str]) -> QuerySet:
    conditions = [Q(**{f"{field_name}__icontains": stem}) for stem in stems]
    return rows.filter(functools.reduce(operator.or_, conditions)) if conditions else rows.none()


_THREAD_FIELDS = (
    "id",
    "key",
    "name",
    "position",
    "round_id",
    "round__title",
    "round__unit__name",
    "round__unit__organisation_id",
    "round__framework_id",
)
# (kind, thread id, round id, text, link): one of the texts a round holds.
Text = tuple[str, int | None, int, str, str]


def _thread_rows(rounds: QuerySet[Round]) -> list[dict[str, Any]]:
    return list(Thread.objects.filter(round__in=rounds).order_by("position").values(*_THREAD_FIELDS))


def _groups(thread_rows: list[dict[str, Any]], wording: ThreadNames | None) -> dict[str, ThreadMentions]:
    """One empty group per thread key, named in the current wording when one is given."""
    groups: dict[str, ThreadMentions] = {}
    for row in thread_rows:
        name = row["name"]
        if wording is not None:
            where = (row["round__unit__organisation_id"], row["round__framework_id"])
            name = wording.of(*where, row["key"], name=name).name
        groups.setdefault(row["key"], ThreadMentions(key=row["key"], name=name, order=row["position"]))
    return groups


def _texts(rounds: QuerySet[Round], stems: Iterable[str]) -> Iterator[Text]:
    """Evidence, factors and actions of the rounds that may hold one of the words (three queries)."""
    evidence = _narrowed(Evidence.objects.filter(thread__round__in=rounds), "text", stems)
    for ev in evidence.order_by("thread__position", "pk").values("pk", "thread_id", "thread__round_id", "text"):
        url = reverse("assessments:stage-evidence", args=[ev["thread__round_id"]]) + f"#evidence-{ev['pk']}"
        yield "evidence", ev["thread_id"], ev["thread__round_id"], ev["text"], url
    factors = _narrowed(Factor.objects.filter(thread__round__in=rounds), "text", stems)
    for fa in factors.order_by("thread__position", "pk").values("pk", "thread_id", "thread__round_id", "text"):
        url = reverse("assessments:stage-factors", args=[fa["thread__round_id"]]) + f"#factor-{fa['pk']}"
        yield "factors", fa["thread_id"], fa["thread__round_id"], fa["text"], url
    actions = _narrowed(Action.objects.filter(round__in=rounds), "what", stems)
    for ac in actions.order_by("pk").values("pk", "thread_id", "round_id", "what"):
        url = reverse("assessments:stage-actions", args=[ac["round_id"]]) + f"#action-{ac['pk']}"
        yield "actions", ac["thread_id"], ac["round_id"], ac["what"], url


def _mention(matcher: Matcher, text: Text, where: dict[str, Any]) -> Mention | None:
    kind, _thread_id, _round_id, plain, url = text
    found = matcher.words_in(plain)
    if not found:
        return None
    return Mention(
        kind=kind,
        plain=plain,
        text=matcher.highlight(plain),
        words=tuple(found),
        url=url,
        round_title=where.get("round__title", ""),
        unit_name=where.get("round__unit__name", ""),
    )


def _gather(rounds: QuerySet[Round], words: list[str], wording: ThreadNames | None = None) -> Relationships:
    """``wording``: name threads as the organisation words them now (across rounds); without it, as the
    round recorded them."""
    matcher = Matcher.of(words)
    thread_rows = _thread_rows(rounds)
    by_id = {row["id"]: row for row in thread_rows}
    rounds_seen: dict[int, dict[str, Any]] = {row["round_id"]: dict(row) for row in thread_rows}
    groups = _groups(thread_rows, wording)
    for text in _texts(rounds, matcher.stems):
        kind, thread_id, round_id = text[0], text[1], text[2]
        mention = _mention(matcher, text, rounds_seen.get(round_id, {}))
        if mention is None:
            continue
        thread = by_id.get(thread_id) if thread_id else None
        if thread is None:
            no_thread = ThreadMentions(key=NO_THREAD, name="Not linked to a thread", order=10_000)
            group = groups.setdefault(NO_THREAD, no_thread)
        else:
            group = groups[thread["key"]]
        getattr(group, kind).append(mention)
    threads = sorted(groups.values(), key=lambda g: g.order)
    return Relationships(words=list(words), threads=threads, rounds=len(rounds_seen))


def round_relationships(*, round_: Round) -> Relationships:
    """What speaks of relationships in one round (the caller has checked ``round.view``): the words the
    round's organisation uses with its framework."""
    words, _own = relationship_words_for(round_.framework, round_.unit.organisation_id)
    return _gather(Round.objects.filter(pk=round_.pk), words)


def unit_relationships(*, unit: Unit) -> Relationships:
    """What speaks of relationships in the latest round of each unit at or below ``unit`` (``overview.view``):
    the words of every framework those rounds use, the organisation's own list where it has one."""
    rounds = latest_rounds(unit)
    frameworks = {f.pk: f.relationship_words for f in Framework.objects.filter(pk__in=rounds.values("framework_id"))}
    own = RelationshipWordList.objects.filter(organisation_id=unit.organisation_id, framework_id__in=list(frameworks))
    frameworks.update({found.framework_id: found.words for found in own})
    wording = thread_names(organisation_ids=[unit.organisation_id], framework_ids=frameworks)
    return _gather(rounds, sorted({word for found in frameworks.values() for word in found}), wording)
