"""What an export reads of rounds' threads: plain rows, five queries however many rounds.

Exports need text and numbers, not model instances: each query is a ``values_list`` row set, grouped
by thread in Python. (The rounds' own pages read ``assessments.selectors.round_threads``, with each
factor's latest response; an export has no column for those.)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openpie.assessments.models import Action, Contribution, Evidence, Factor, Placement, Thread
from openpie.common.localised import shown_in_language

HINDERS, OUTSIDE = Factor.Effect.HINDERS, Factor.Control.OUTSIDE


@dataclass
class ExportThread:
    """One thread of a round: the team's bead, and the thread's evidence, factors and actions as rows."""

    round_id: int
    key: str
    name: str
    theme_key: str
    kind: str
    position: int | None = None
    target: int | None = None
    previous: int | None = None
    evidence: list[tuple[str, str, datetime.date]] = field(default_factory=list)
    factors: list[tuple[str, str, bool, str, str, str, bool]] = field(default_factory=list)
    actions: list[tuple[str, str, datetime.date | None, str]] = field(default_factory=list)
    barrier_kinds: set[str] = field(default_factory=set)
    barriers: int = 0


def rounds_export_threads(round_ids: Iterable[int]) -> dict[int, list[ExportThread]]:
    """Every thread of the rounds, in order, by round id (an empty list for a round without threads)."""
    ids = list(round_ids)
    found: dict[int, list[ExportThread]] = {pk: [] for pk in ids}
    threads: dict[int, ExportThread] = {}
    for pk, round_id, key, name, theme_key, kind, translations in (
        Thread.objects.filter(round_id__in=ids)
        .order_by("round_id", "position", "pk")
        .values_list("pk", "round_id", "key", "name", "theme_key", "kind", "translations")
    ):
        name = shown_in_language(name, translations, "name")
        threads[pk] = ExportThread(round_id, key, name, theme_key, kind)
        found[round_id].append(threads[pk])
    _beads(threads, ids)
    _evidence(threads, ids)
    _factors(threads, ids)
    _actions(threads, ids)
    return found


def _beads(threads: dict[int, ExportThread], ids: list[int]) -> None:
    rows = (
        Placement.objects.filter(thread__round_id__in=ids, contribution__kind=Contribution.Kind.TEAM)
        .order_by("-pk")  # the first team placement wins (as on the round's pages)
        .values_list("thread_id", "position", "target", "previous_position")
    )
    for thread_id, position, target, previous in rows:
        thread = threads[thread_id]
        thread.position, thread.target, thread.previous = position, target, previous


def _evidence(threads: dict[int, ExportThread], ids: list[int]) -> None:
    rows = (
        Evidence.objects.filter(thread__round_id__in=ids)
        .order_by("created_at", "pk")
        .values_list("thread_id", "text", "file_name", "created_at")
    )
    for thread_id, text, file_name, created_at in rows:
        threads[thread_id].evidence.append((text, file_name, created_at.date()))


def _factors(threads: dict[int, ExportThread], ids: list[int]) -> None:
    rows = (
        Factor.objects.filter(thread__round_id__in=ids)
        .order_by("created_at", "pk")
        .values_list("thread_id", "effect", "control", "barrier_kind__name", "text", "funder", "flag_managers")
    )
    for thread_id, effect, control, kind_name, text, funder, flag in rows:
        thread = threads[thread_id]
        barrier = effect == HINDERS and control == OUTSIDE
        thread.factors.append((effect, control, barrier, kind_name or "", text, funder, flag))
        if barrier:
            thread.barriers += 1
            if kind_name:
                thread.barrier_kinds.add(kind_name)


def _actions(threads: dict[int, ExportThread], ids: list[int]) -> None:
    rows: Any = (
        Action.objects.filter(thread__round_id__in=ids)
        .order_by("due_on", "created_at", "pk")
        .values_list("thread_id", "what", "owner_name", "owner__full_name", "owner__email", "due_on", "status")
    )
    for thread_id, what, owner_name, full_name, email, due_on, status in rows:
        threads[thread_id].actions.append((what, owner_name or full_name or email or "", due_on, status))
