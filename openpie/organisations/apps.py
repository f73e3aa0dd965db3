from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "openpie.organisations"
    label = "organisations"

    def ready(self) -> None:
        from openpie.accounts.policy import ROLES
        from openpie.organisations.models import memberships_for

        ROLES.roles_of = lambda user: [m.role for m in memberships_for(user)]
