"""Many units with rounds, made in a handful of bulk inserts (the overview must cope with hundreds)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from openpie.assessments.models import Contribution, Factor, Placement, Round, Thread
from openpie.frameworks.models import Framework
from openpie.organisations.models import Unit

THEMES = (
    ("psychological-awareness", "Psychological awareness"),
    ("staff-training-and-support", "Staff training and support"),
    ("learning-and-enquiry", "Learning and enquiry"),
    ("spaces-of-opportunity", "Spaces of opportunity"),
    ("the-three-rs", "The Three Rs"),
)
FIRST = THEMES[0][0]


def bulk_units(parent: Unit, count: int, *, name: str = "Team", **fields: str) -> list[Unit]:
    units = Unit.objects.bulk_create(
        Unit(organisation_id=parent.organisation_id, parent=parent, name=f"{name} {i + 1}", path="", **fields)
        for i in range(count)
    )
    for unit in units:
        unit.path = f"{parent.path}{unit.pk}/"
        unit.depth = parent.depth + 1
    Unit.objects.bulk_update(units, ["path", "depth"])
    return units


@dataclass(frozen=True)
class Beads:
    """What one unit's round holds on every theme: the team's bead, its target and previous position,
    staff members' and service users' beads, and barriers."""

    position: int | None = 10
    target: int | None = None
    previous: int | None = None
    staff: Sequence[int] = ()
    service_users: Sequence[int] = ()
    barriers: int = 0
    state: str = Contribution.State.SUBMITTED  # of the voices


def bulk_rounds(
    units: Sequence[Unit],
    framework: Framework,
    *,
    held_on: datetime.date = datetime.date(2025, 3, 1),
    beads: Sequence[Beads] | Beads = Beads(),
    state: str = Round.State.CLOSED,
) -> list[Round]:
    """One round per unit, with the five theme threads, the team's beads and any voices and barriers."""
    each = beads if isinstance(beads, Sequence) else [beads] * len(units)
    rounds = Round.objects.bulk_create(
        Round(unit=u, framework=framework, state=state, title=f"{u.name} round", held_on=held_on) for u in units
    )
    threads = Thread.objects.bulk_create(
        Thread(round=r, key=key, kind=Thread.Kind.THEME, theme_key=key, position=i, name=name, short_name=name[:30])
        for r in rounds
        for i, (key, name) in enumerate(THEMES)
    )
    by_round: dict[int, list[Thread]] = {}
    for thread in threads:
        by_round.setdefault(thread.round_id, []).append(thread)
    contributions: list[tuple[Contribution, list[Thread], Beads, int | None]] = []
    for round_, b in zip(rounds, each, strict=True):
        kinds: list[tuple[str, str, int | None]] = [(Contribution.Kind.TEAM, Contribution.State.SUBMITTED, b.position)]
        kinds += [(Contribution.Kind.INDIVIDUAL, b.state, p) for p in b.staff]
        kinds += [(Contribution.Kind.SERVICE_USER, b.state, p) for p in b.service_users]
        for kind, st, position in kinds:
            contributions.append((Contribution(round=round_, kind=kind, state=st), by_round[round_.pk], b, position))
    Contribution.objects.bulk_create(c for c, _t, _b, _p in contributions)
    placements = []
    factors = []
    for contribution, round_threads, b, position in contributions:
        team = contribution.kind == Contribution.Kind.TEAM
        for thread in round_threads:
            placements.append(
                Placement(
                    contribution=contribution,
                    thread=thread,
                    position=position,
                    target=b.target if team else None,
                    previous_position=b.previous if team else None,
                )
            )
            if team:
                factors += [
                    Factor(thread=thread, effect="hinders", control="outside", text="No move-on housing")
                    for _ in range(b.barriers)
                ]
    Placement.objects.bulk_create(placements)
    Factor.objects.bulk_create(factors)
    analyze_after_bulk_load()
    return rounds


def analyze_after_bulk_load() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would give a real database.

    PostgreSQL plans with the statistics it has: ones gathered while the tables were nearly empty
    (earlier in a test run) make it join the overview's thousands of beads by nested loops, which
    takes minutes instead of a fraction of a second.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE organisations_unit, assessments_round, assessments_thread, "
                "assessments_contribution, assessments_placement, assessments_factor"
            )
