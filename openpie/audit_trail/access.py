"""Who may read an organisation's audit trail: its organisation admins (``audit.view``), and nobody else."""

from __future__ import annotations

from typing import Any

from openpie.organisations.access import get_organisation_for_user, organisation_root, require
from openpie.organisations.models import Organisation


def get_audit_organisation_for_user(user: Any, pk: int) -> Organisation:
    """The organisation whose trail the person may read: 404 outside it, 403 without the role at its top."""
    organisation = get_organisation_for_user(user, pk)
    require(user, "audit.view", organisation_root(organisation))
    return organisation
