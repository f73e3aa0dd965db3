"""Every page × every persona, checked against the permission table (permissions.yaml).

Outsiders get 404; members without the action's role get 403; the others get the page.
A URL the app serves that is missing from ROUTES fails the suite.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.organisations.models import Role
from openpie.organisations.permissions import permission_table, roles_allowed
from openpie.organisations.tests.route import Route, all_routes, served_pages

ROUTES = all_routes()


# Access is the point here, not the PDFs: they are rendered as pages but not laid out (conftest.py).
pytestmark = pytest.mark.usefixtures("pdf_not_laid_out")


PERSONA_ROLE = {
    "admin": ("root", Role.ORG_ADMIN),
    "lead": ("root", Role.PIE_LEAD),
    "manager": ("locality", Role.MANAGER),
    "staff": ("service", Role.STAFF),
    "reader": ("service", Role.READ_ONLY),
}


def expected_status(persona: str, route: Route) -> int:
    if persona == "outsider":
        return 404
    held_at, role = PERSONA_ROLE[persona]
    applies = route.where == "service" or held_at == "root" or route.action.endswith(".view")
    return 200 if applies and role in roles_allowed(route.action) else 403


def test_every_app_page_is_in_the_access_table():
    missing = served_pages() - ROUTES.keys()
    assert not missing, f"Pages missing from ROUTES (say who may use them in <app>/tests/routes.py): {sorted(missing)}"


def test_every_action_in_the_table_is_used_by_a_page_or_service():
    used = {r.action for r in ROUTES.values() if isinstance(r, Route)}
    used |= {"member.view", "member.change", "member.grant_admin", "organisation.view"}  # unit page, services
    used |= {"round.close"}  # round-state (POST only; test_views_rounds)
    used |= {"barrier.respond"}  # a barrier's page (POST only; barriers test_views)
    used |= {"review.respond"}  # a thread's response (POST only; reviews test_views)
    used |= {"practice.share", "practice.moderate"}  # the practice library's pages (practice tests)
    used |= {"call.start"}  # locality calls (barriers routes and test_calls)
    assert set(permission_table()) <= used


@pytest.mark.parametrize("persona", ["admin", "lead", "manager", "staff", "reader", "outsider"])
@pytest.mark.parametrize("name", [n for n, r in ROUTES.items() if isinstance(r, Route)])
def test_page_access_follows_the_permission_table(name, persona, people, world, client_for):
    route = ROUTES[name]
    assert isinstance(route, Route)
    response = client_for(getattr(people, persona)).get(route.url(world))
    assert response.status_code == expected_status(persona, route), (name, persona)


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    for name, route in ROUTES.items():
        if isinstance(route, Route):
            response = client.get(route.url(world))
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("accounts:sign-in")), name
