"""What onboarding holds of a person (openpie/common/personal_data.py)."""

from __future__ import annotations

from openpie.common.personal_data import KEPT, Holding, register

register(
    Holding(
        app="onboarding",
        links={"OrganisationRequest.decided_by": f"{KEPT}: a platform admin's decision, shown in the audit trail"},
    )
)
