"""Rounds for tests, built through the services (so they are always valid)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from openpie.assessments import services
from openpie.assessments.models import Action, Evidence, Factor, Placement, Round, Thread
from openpie.frameworks.models import BarrierKind, Framework
from openpie.organisations.models import Unit

# The smallest PDF a type check recognises.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_round(
    unit: Unit, framework: Framework, *, by: Any = None, form: str = Round.Form.SHORT, **kwargs: Any
) -> Round:
    return services.round_create(unit=unit, framework=framework, form=form, by=by, **kwargs)


def place(round_: Round, key: str, position: int | None, *, target: int | None = None, by: Any = None) -> Placement:
    placement = Placement.objects.select_related("thread__round__framework").get(thread__round=round_, thread__key=key)
    return services.placement_record(
        placement=placement, version=placement.version, by=by, position=position, target=target
    )


@dataclass
class RoundWorld:
    """A round with one of everything: a bead, text and file evidence, a helping factor, a barrier, an action."""

    round: Round
    thread: Thread
    placement: Placement
    evidence: Evidence
    file_evidence: Evidence
    factor: Factor
    barrier: Factor
    action: Action


def make_round_world(unit: Unit, framework: Framework, *, by: Any = None) -> RoundWorld:
    round_ = make_round(unit, framework, by=by)
    services.round_open(round_=round_)
    thread = round_.threads.order_by("position").first()
    assert thread is not None
    placement = place(round_, thread.key, 7, target=12, by=by)
    evidence = services.evidence_add(thread=thread, by=by, text="Keyworkers meet each resident weekly")
    upload = SimpleUploadedFile("minutes.pdf", PDF_BYTES, content_type="application/pdf")
    file_evidence = services.evidence_add(thread=thread, by=by, upload=upload)
    factor = services.factor_add(
        thread=thread, by=by, effect="helps", control="within", text="Monthly reflective practice"
    )
    barrier = services.factor_add(
        thread=thread,
        by=by,
        effect="hinders",
        control="outside",
        text="No move-on flats in the borough",
        barrier_kind=BarrierKind.objects.filter(framework=framework).first(),
        flag_managers=True,
        funder="County Council",
    )
    action = services.action_add(
        round_=round_, by=by, what="Ask the council about move-on", thread=thread, factor=barrier
    )
    return RoundWorld(round_, thread, placement, evidence, file_evidence, factor, barrier, action)
