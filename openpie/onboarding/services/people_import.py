"""Invitations from a CSV file of people: every row checked first, then all invitations sent, or none.

Columns: ``email``, ``unit`` (by name or path from the top; blank for the whole organisation)
and ``role`` (as on the invite page, e.g. "Staff member" or "PIE lead").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.onboarding.services.csvfile import UnitIndex, choice, raise_problems, read_rows
from openpie.organisations.access import can
from openpie.organisations.models import Invitation, Membership, Organisation, Role, Unit
from openpie.organisations.services import check_may_grant, invitation_create

COLUMNS = {"email": "email", "email address": "email", "unit": "unit", "role": "role"}
TEMPLATE = "email,unit,role\nsam@example.org,Harbour House,Staff member\nalex@example.org,North,PIE lead\n"


@dataclass(frozen=True)
class PlannedInvitation:
    line: int
    email: str
    unit: Unit
    role: str

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def _row_problem(*, by: User, unit: Unit, email: str, role: str) -> str:
    if not can(by, "member.invite", unit):
        return _("you cannot invite people to %(unit)s") % {"unit": unit.name}
    try:
        check_may_grant(by=by, unit=unit, role=role)
    except PermissionDenied:
        return _("only an organisation admin can give the organisation admin role")
    if Membership.objects.filter(unit=unit, user__email__iexact=email).exists():
        return _("%(email)s is already a member of %(unit)s") % {"email": email, "unit": unit.name}
    return ""


def people_check(*, organisation: Organisation, text: str, by: User) -> list[PlannedInvitation]:
    """Every row checked; the invitations the file would send. ``ValidationError`` lists every problem."""
    rows = read_rows(text, columns=COLUMNS, required={"email", "role"})
    index = UnitIndex.of(organisation)
    planned: list[PlannedInvitation] = []
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    roles = ", ".join(str(label) for _, label in Role.choices)
    for row in rows:
        email, line = row.get("email").lower(), row.line
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                _("Line %(line)s: “%(email)s” is not an email address") % {"line": line, "email": email[:60]}
                if email
                else _("Line %(line)s: the email address is empty") % {"line": line}
            )
            continue
        path, why = index.find(row.get("unit"))
        unit = index.top if path == () else (index.by_path.get(path) if path else None)
        role = choice(row.get("role"), Role.choices)
        if unit is None:
            problems.append(
                _("Line %(line)s: %(problem)s") % {"line": line, "problem": why or _("that unit is not there yet")}
            )
        elif role is None:
            problems.append(
                _("Line %(line)s: “%(role)s” is not a role. Use one of: %(roles)s")
                % {"line": line, "role": row.get("role"), "roles": roles}
            )
        elif (email, unit.pk) in seen:
            problems.append(
                _("Line %(line)s: %(email)s is on an earlier line for %(unit)s too")
                % {"line": line, "email": email, "unit": unit.name}
            )
        elif problem := _row_problem(by=by, unit=unit, email=email, role=role):
            problems.append(_("Line %(line)s: %(problem)s") % {"line": line, "problem": problem})
        else:
            seen.add((email, unit.pk))
            planned.append(PlannedInvitation(line, email, unit, role))
    raise_problems(problems)
    return planned


@transaction.atomic
def people_import(*, organisation: Organisation, text: str, by: User) -> list[Invitation]:
    """Send every invitation of the file, or (if any row has a problem) none. Emails go once all are made."""
    planned = people_check(organisation=organisation, text=text, by=by)
    invitations = [
        invitation_create(unit=item.unit, email=item.email, role=item.role, invited_by=by)[0] for item in planned
    ]
    audit_record(
        actor=by, action="member.import", target=organisation, organisation=organisation, count=len(invitations)
    )
    return invitations
