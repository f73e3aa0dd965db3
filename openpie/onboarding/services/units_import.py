"""The unit tree from a CSV file: every row checked first, then all of them added in one transaction, or none.

Columns (headings in any case; only ``name`` is required):

- ``parent``: the unit it sits under, by name or by path from the top (``North/Harbour House``);
  blank for just below the top. A parent may be a unit already there or one on an earlier line.
- ``name``: the unit's name (unique among the units under the same parent).
- ``level``: one of the organisation's own level words, or region, locality, service or team
  (blank: the organisation's word for that depth, else team).
- ``client group`` and ``service type``: as on the add-unit page (blank: mixed, and not a service).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.onboarding.services.csvfile import UnitIndex, choice, raise_problems, read_rows
from openpie.organisations import services as organisation_services
from openpie.organisations.access import require
from openpie.organisations.models import Organisation, Unit

COLUMNS = {
    "parent": "parent",
    "parent path": "parent",
    "parent name": "parent",
    "name": "name",
    "level": "level",
    "kind": "level",
    "client group": "client_group",
    "service type": "service_type",
}
TEMPLATE = (
    "parent,name,level,client group,service type\n"
    ",North,Region,,\n"
    "North,Harbour House,Service,Homelessness,Hostel or supported housing\n"
    "North/Harbour House,Night team,Team,Homelessness,Hostel or supported housing\n"
)
_KINDS = [(v, label) for v, label in Unit.Kind.choices if v != Unit.Kind.ORGANISATION]


@dataclass(frozen=True)
class PlannedUnit:
    line: int
    parent: tuple[str, ...]
    parent_label: str
    name: str
    kind: str
    level_label: str
    client_group: str
    service_type: str

    @property
    def client_group_label(self) -> str:
        return str(Unit.ClientGroup(self.client_group).label)

    @property
    def service_type_label(self) -> str:
        return str(Unit.ServiceType(self.service_type).label)


def _kind_for(level: str, *, depth: int, organisation: Organisation) -> str | None:
    """The unit kind a level cell names (a kind, or one of the organisation's words), or None."""
    words = [str(w) for w in organisation.level_names or []]
    if not level:
        level = organisation.level_name(depth)
        if not level:
            return Unit.Kind.TEAM
    kind = choice(level, _KINDS)
    if kind is not None:
        return kind
    lowered = [w.lower() for w in words]
    if level.lower() in lowered:
        return Unit.Kind.TEAM if lowered.index(level.lower()) == len(words) - 1 else Unit.Kind.SERVICE
    return None


def units_check(*, organisation: Organisation, text: str) -> list[PlannedUnit]:
    """Every row checked; the units the file would add, in order. ``ValidationError`` lists every problem."""
    rows = read_rows(text, columns=COLUMNS, required={"name"})
    index = UnitIndex.of(organisation)
    planned: list[PlannedUnit] = []
    problems: list[str] = []
    levels = ", ".join([*(str(w) for w in organisation.level_names or []), *(str(label) for _, label in _KINDS)])
    for row in rows:
        name, line = row.get("name"), row.line
        if not name:
            problems.append(_("Line %(line)s: the name is empty") % {"line": line})
            continue
        if len(name) > 200 or "/" in name:
            problems.append(
                _("Line %(line)s: “%(name)s” is too long or has a “/” in it") % {"line": line, "name": name[:40]}
            )
            continue
        parent, why = index.find(row.get("parent"), above=name)
        if parent is None:
            problems.append(_("Line %(line)s: %(problem)s") % {"line": line, "problem": why})
            continue
        path = (*parent, name.lower())
        if path in index.by_path:
            problems.append(
                _("Line %(line)s: %(parent)s already has a unit called “%(name)s”")
                % {"line": line, "parent": index.label(parent), "name": name}
            )
            continue
        kind = _kind_for(row.get("level"), depth=len(path), organisation=organisation)
        client_group = choice(row.get("client_group") or "mixed", Unit.ClientGroup.choices)
        service_type = choice(row.get("service_type") or "none", Unit.ServiceType.choices)
        if kind is None:
            problems.append(
                _("Line %(line)s: “%(level)s” is not a level. Use one of: %(levels)s")
                % {"line": line, "level": row.get("level"), "levels": levels}
            )
        elif client_group is None:
            problems.append(
                _("Line %(line)s: “%(value)s” is not a client group") % {"line": line, "value": row.get("client_group")}
            )
        elif service_type is None:
            problems.append(
                _("Line %(line)s: “%(value)s” is not a type of service")
                % {"line": line, "value": row.get("service_type")}
            )
        else:
            index.add(path, name)
            level_label = organisation.level_name(len(path)) or str(Unit.Kind(kind).label)
            planned.append(
                PlannedUnit(line, parent, index.label(parent), name, kind, level_label, client_group, service_type)
            )
    raise_problems(problems)
    return planned


@transaction.atomic
def units_import(*, organisation: Organisation, text: str, by: User) -> list[Unit]:
    """Add every unit of the file, or (if any row has a problem) none."""
    top = Unit.objects.get(organisation=organisation, parent__isnull=True)
    require(by, "unit.add", top)
    planned = units_check(organisation=organisation, text=text)
    made: dict[tuple[str, ...], Unit] = {}
    existing = UnitIndex.of(organisation).by_path
    for item in planned:
        parent = top if not item.parent else (made.get(item.parent) or existing[item.parent])
        if parent is None:  # cannot happen after the check; refuse rather than guess
            raise ValidationError(
                _("Line %(line)s: the unit above “%(name)s” could not be found")
                % {"line": item.line, "name": item.name}
            )
        made[(*item.parent, item.name.lower())] = organisation_services.unit_create(
            parent=parent,
            name=item.name,
            kind=item.kind,
            client_group=item.client_group,
            service_type=item.service_type,
            by=by,
        )
    audit_record(actor=by, action="unit.import", target=organisation, organisation=organisation, count=len(made))
    return list(made.values())
