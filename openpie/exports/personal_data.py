"""What exports holds of a person: the exports they asked for (openpie/common/personal_data.py)."""

from __future__ import annotations

from typing import Any

from openpie.common.personal_data import Holding, Section, register
from openpie.exports.models import ExportJob


def exports(person: Any) -> list[dict[str, Any]]:
    rows = ExportJob.objects.filter(requester=person).order_by("created_at")
    return [{"title": j.title, "kind": j.get_kind_display(), "format": j.format, "asked": j.created_at} for j in rows]


def erase(person: Any) -> None:
    """Their exports are theirs alone: the files and the jobs go."""
    for job in ExportJob.objects.filter(requester=person).exclude(file=""):
        job.file.delete(save=False)
    ExportJob.objects.filter(requester=person).delete()


register(
    Holding(
        app="exports",
        links={"ExportJob.requester": "exports"},
        sections=(Section("exports", "Exports you asked for", exports, order=140),),
        erase=erase,
        erase_order=20,
    )
)
