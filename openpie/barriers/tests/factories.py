"""Barriers for tests, made through the services (so they are always valid)."""

from __future__ import annotations

import datetime
from typing import Any

from openpie.assessments import services
from openpie.assessments.models import Factor, Round
from openpie.assessments.tests.factories import make_round
from openpie.frameworks.models import BarrierKind, Framework
from openpie.organisations.models import Unit


def open_round(unit: Unit, framework: Framework, *, by: Any = None, held_on: datetime.date | None = None) -> Round:
    extra: dict[str, Any] = {"held_on": held_on} if held_on else {}
    round_ = make_round(unit, framework, by=by, **extra)
    services.round_open(round_=round_)
    return round_


def kinds(framework: Framework) -> list[BarrierKind]:
    return list(BarrierKind.objects.filter(framework=framework).order_by("position"))


def add_barrier(
    round_: Round,
    kind: BarrierKind,
    *,
    by: Any = None,
    text: str = "No move-on flats",
    shareable: bool = False,
    thread_index: int = 0,
) -> Factor:
    thread = round_.threads.order_by("position")[thread_index]
    return services.factor_add(
        thread=thread,
        by=by,
        effect="hinders",
        control="outside",
        text=text,
        barrier_kind=kind,
        flag_managers=True,
        shareable=shareable,
    )
