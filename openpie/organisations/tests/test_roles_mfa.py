"""accounts names the roles that must use two-step sign-in without importing organisations (it sits below)."""

from openpie.accounts.policy import MFA_REQUIRED_ROLES
from openpie.organisations.models import Role


def test_the_roles_that_need_a_second_step_are_roles():
    assert set(MFA_REQUIRED_ROLES) <= set(Role.values)
    assert {Role.ORG_ADMIN, Role.MANAGER, Role.COMMISSIONER, Role.RESEARCHER} == set(MFA_REQUIRED_ROLES)
