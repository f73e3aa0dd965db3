from dataclasses import dataclass

from openpie.organisations import services
from openpie.organisations.models import Membership, Organisation, Role, Unit


@dataclass
class Tree:
    """An organisation with a locality, a service and a team below it."""

    organisation: Organisation
    root: Unit
    locality: Unit
    service: Unit
    team: Unit


def make_tree(name: str = "Example Trust") -> Tree:
    organisation = services.organisation_create(name=name, kind=Organisation.Kind.AGENCY)
    root = Unit.objects.get(organisation=organisation, parent__isnull=True)
    locality = services.unit_create(
        parent=root, name=f"{name} locality", kind="locality", client_group="mixed", service_type="none"
    )
    service = services.unit_create(
        parent=locality, name=f"{name} hostel", kind="service", client_group="homelessness", service_type="hostel"
    )
    team = services.unit_create(
        parent=service, name=f"{name} night team", kind="team", client_group="homelessness", service_type="hostel"
    )
    return Tree(organisation, root, locality, service, team)


def grant(user, unit: Unit, role: str = Role.STAFF) -> Membership:
    return Membership.objects.create(user=user, unit=unit, role=role)
