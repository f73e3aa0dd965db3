"""Grants made directly, for tests that need one in a given state."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from openpie.organisations.models import Organisation, Unit
from openpie.sharing.models import SharingGrant


def make_grant(
    *, unit: Unit, grantee: Organisation, scope: str = "both", state: str = "accepted", by: Any = None
) -> SharingGrant:
    decided = state != SharingGrant.State.REQUESTED
    return SharingGrant.objects.create(
        granter=unit.organisation,
        unit=unit,
        grantee=grantee,
        scope=scope,
        state=state,
        requested_by=by,
        decided_at=timezone.now() if decided else None,
    )
