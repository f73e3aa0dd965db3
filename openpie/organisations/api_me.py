"""API: who am I, and where I hold a role (the memberships live here, in organisations)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from openpie.common.api_schemas import ErrorOut
from openpie.organisations.access import memberships_for

router = Router(tags=["People"])


class MembershipOut(Schema):
    unit_id: int
    organisation_id: int
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    memberships: list[MembershipOut]


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary=_("The person the token belongs to"))
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    memberships = [
        {"unit_id": m.unit_id, "organisation_id": m.unit.organisation_id, "role": m.role} for m in memberships_for(user)
    ]
    return {"id": user.pk, "email": user.email, "full_name": user.full_name, "memberships": memberships}  # type: ignore[union-attr]
