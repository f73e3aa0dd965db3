"""Demo rounds for the demo organisation: a closed round, the open round after it, and a check-in. Idempotent."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from openpie.assessments import services
from openpie.assessments.models import Placement, Round
from openpie.frameworks.models import BarrierKind, Framework
from openpie.organisations.models import Organisation, Unit

# Team positions per theme last time and now (1-20: four levels of five).
BEFORE = {
    "psychological-awareness": 6,
    "staff-training-and-support": 4,
    "learning-and-enquiry": 8,
    "spaces-of-opportunity": 3,
    "the-three-rs": 9,
}
NOW = {"psychological-awareness": 9, "staff-training-and-support": 7}

EVIDENCE = {
    "psychological-awareness": (
        "Keyworkers talk through what lies behind behaviour in handovers, not only what happened."
    ),
    "staff-training-and-support": "Half the team has had trauma-informed training; night staff have not.",
    "spaces-of-opportunity": "Residents say the lounge feels like a waiting room.",
}


def demo_framework(organisation: Organisation) -> Framework | None:
    available = Framework.objects.published().available_to(organisation)
    return available.filter(key="pies-2").order_by("-published_at").first() or available.first()


def _place_all(round_: Round, positions: dict[str, int], by: Any) -> None:
    placements = Placement.objects.select_related("thread__round__framework").filter(thread__round=round_)
    for placement in placements:
        if placement.thread.key in positions:
            services.placement_record(
                placement=placement,
                version=placement.version,
                by=by,
                position=positions[placement.thread.key],
                target=None,
            )


def _record_first_round(round_: Round, by: Any) -> None:
    threads = {t.key: t for t in round_.threads.all()}
    _place_all(round_, BEFORE, by)
    for key, text in EVIDENCE.items():
        if key in threads:
            services.evidence_add(thread=threads[key], by=by, text=text)
    space = threads.get("spaces-of-opportunity")
    if space is None:
        return
    services.factor_add(
        thread=space, by=by, effect="helps", control="within", text="Residents helped choose the new garden."
    )
    barrier = services.factor_add(
        thread=space,
        by=by,
        effect="hinders",
        control="outside",
        text="The landlord will not allow changes to the building for two more years.",
        barrier_kind=BarrierKind.objects.filter(framework=round_.framework).order_by("position").first(),
        flag_managers=True,
        funder="County Council housing commissioners",
    )
    today = timezone.localdate()
    services.action_add(
        round_=round_,
        by=by,
        what="Hold a residents' meeting about making the lounge feel like home.",
        owner=by,
        due_on=today - datetime.timedelta(days=20),
        thread=space,
        factor=barrier,
    )
    services.action_add(
        round_=round_,
        by=by,
        what="Book trauma-informed training for the night team.",
        owner_name="Night team leader",
        due_on=today + datetime.timedelta(days=30),
        thread=threads.get("staff-training-and-support"),
    )


@transaction.atomic
def seed_demo_rounds(*, organisation: Organisation, by: Any) -> bool:
    """Rounds for Harbour House and a check-in for the day centre, if the demo has none yet."""
    framework = demo_framework(organisation)
    units = {u.name: u for u in Unit.objects.filter(organisation=organisation)}
    house, centre = units.get("Harbour House"), units.get("The Bridge Day Centre")
    if framework is None or house is None or Round.objects.filter(unit__organisation=organisation).exists():
        return False
    first = services.round_create(
        unit=house,
        framework=framework,
        form=Round.Form.SHORT,
        by=by,
        held_on=timezone.localdate() - datetime.timedelta(days=180),
    )
    services.round_open(round_=first)
    _record_first_round(first, by)
    services.round_submit(round_=first)
    services.round_close(round_=first)
    second = services.round_next(previous=first, by=by)
    services.round_open(round_=second)
    _place_all(second, NOW, by)
    if centre is not None:
        check_in = services.round_create(unit=centre, framework=framework, form=Round.Form.CHECK_IN, by=by)
        services.check_in_save(
            check_in=check_in.check_in,
            version=check_in.check_in.version,
            by=by,
            hows_things="Busy but settled since the new rota.",
            going_well="Breakfast club is full every day.",
        )
    return True
