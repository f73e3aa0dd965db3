"""What sharing holds of a person: the sharing they asked for, decided or revoked
(openpie/common/personal_data.py)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openpie.common.personal_data import Holding, Section, register
from openpie.sharing.models import SharingGrant


def sharing(person: Any) -> list[dict[str, Any]]:
    rows = (
        SharingGrant.objects.filter(Q(requested_by=person) | Q(decided_by=person) | Q(revoked_by=person))
        .select_related("granter", "grantee")
        .order_by("pk")
    )
    return [
        {
            "from": g.granter.name,
            "to": g.grantee.name,
            "scope": g.get_scope_display(),
            "note": g.note,
            "state": g.get_state_display(),
        }
        for g in rows
    ]


register(
    Holding(
        app="sharing",
        links={f"SharingGrant.{name}": "sharing" for name in ("requested_by", "decided_by", "revoked_by")},
        sections=(Section("sharing", cast(str, _("Sharing you asked for or decided")), sharing, order=100),),
    )
)
