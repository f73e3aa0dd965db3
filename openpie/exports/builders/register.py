"""The barriers register as the person sees it: one row per barrier across their own units and those
shared with them (a barrier's words only to its own organisation or when the service agreed to share them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from openpie.barriers.selectors import TEXT_NOT_SHARED, barriers_for, own_organisation_ids
from openpie.exports.builders import Built, Progress, Sheet, in_words, write_csv, write_xlsx
from openpie.frameworks.selectors import thread_names

HEADERS = [
    "barrier_id",
    "kind",
    "organisation",
    "unit",
    "round",
    "held_on",
    "thread",
    "text",
    "funder",
    "responses",
]


def register_sheet(viewer: Any) -> Sheet:
    own = own_organisation_ids(viewer)
    qs = (
        barriers_for(viewer)
        .select_related("barrier_kind", "thread", "thread__round", "thread__round__unit__organisation")
        .annotate(response_count=Count("barrier_responses"))
        .order_by("barrier_kind__name", "-thread__round__held_on", "thread__round__unit__name", "pk")
    )
    factors = list(qs)
    rounds = [f.thread.round for f in factors]
    wording = thread_names(
        organisation_ids={r.unit.organisation_id for r in rounds}, framework_ids={r.framework_id for r in rounds}
    )
    rows = []
    for f in factors:
        round_ = f.thread.round
        mine = round_.unit.organisation_id in own
        thread = wording.of(round_.unit.organisation_id, round_.framework_id, f.thread.key, name=f.thread.name)
        rows.append(
            [
                f.pk,
                f.barrier_kind.name if f.barrier_kind else _("Kind not given"),
                round_.unit.organisation.name,
                round_.unit.name,
                round_.title,
                round_.held_on,
                thread.name,
                f.text if mine or f.shareable else _(TEXT_NOT_SHARED),
                f.funder if mine or f.shareable else "",
                f.response_count,
            ]
        )
    return Sheet("Barriers", list(HEADERS), rows)


def build(*, viewer: Any, fmt: str, path: Path, progress: Progress) -> Built:
    sheet = in_words([register_sheet(viewer)])[0]
    progress(70)
    if fmt == "csv":
        write_csv(path, sheet.headers, sheet.rows)
        return Built(rows=len(sheet.rows), filename="barriers-register.csv")
    write_xlsx(path, [sheet])
    return Built(rows=len(sheet.rows), filename="barriers-register.xlsx")
