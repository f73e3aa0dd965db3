"""Every page × every persona, checked against the permission table (permissions.yaml).

Outsiders get 404; members without the action's role get 403; the others get the page.
A URL the app serves that is missing from ROUTES fails the suite.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from openpie.accounts.tests.routes import ACCOUNT_ROUTES
from openpie.assessments.tests.routes import ASSESSMENT_ROUTES
from openpie.audit.tests.routes import AUDIT_ROUTES
from openpie.barriers.tests.routes import BARRIER_ROUTES
from openpie.exports.tests.routes import EXPORT_ROUTES
from openpie.insights.tests.routes import INSIGHT_ROUTES
from openpie.operations.tests.routes import OPERATIONS_ROUTES
from openpie.organisations.models import Role
from openpie.organisations.permissions import permission_table, roles_allowed
from openpie.organisations.tests.route import Route
from openpie.participation.tests.routes import PARTICIPATION_ROUTES
from openpie.practice.tests.routes import PRACTICE_ROUTES
from openpie.privacy.tests.routes import PRIVACY_ROUTES
from openpie.relationships.tests.routes import RELATIONSHIP_ROUTES
from openpie.reviews.tests.routes import REVIEW_ROUTES
from openpie.sharing.tests.routes import SHARING_ROUTES


def _wording_url(w):
    return reverse("frameworks:wording", args=[w.tree.organisation.pk, w.framework.pk, "staff-support"])


ROUTES: dict[str, Route | str] = {
    "organisations:unit": Route(
        "unit.view", "service", lambda w: reverse("organisations:unit", args=[w.tree.service.pk])
    ),
    "organisations:unit-add": Route(
        "unit.add", "service", lambda w: reverse("organisations:unit-add", args=[w.tree.service.pk])
    ),
    "organisations:unit-edit": Route(
        "unit.change", "service", lambda w: reverse("organisations:unit-edit", args=[w.tree.service.pk])
    ),
    "organisations:invite": Route(
        "member.invite", "service", lambda w: reverse("organisations:invite", args=[w.tree.service.pk])
    ),
    "frameworks:unit-elements": Route(
        "framework.choose", "service", lambda w: reverse("frameworks:unit-elements", args=[w.tree.service.pk])
    ),
    "organisations:edit": Route(
        "organisation.change", "root", lambda w: reverse("organisations:edit", args=[w.tree.organisation.pk])
    ),
    "frameworks:import": Route(
        "framework.import", "root", lambda w: reverse("frameworks:import", args=[w.tree.organisation.pk])
    ),
    "frameworks:organisation": Route(
        "framework.view", "root", lambda w: reverse("frameworks:organisation", args=[w.tree.organisation.pk])
    ),
    "frameworks:wording": Route("framework.customise", "root", _wording_url),
    "frameworks:local-add": Route(
        "framework.customise",
        "root",
        lambda w: reverse(
            "frameworks:local-add", args=[w.tree.organisation.pk, w.framework.pk, "staff-training-and-support"]
        ),
    ),
    # Pages that are not tied to one unit, and how they are guarded (tested elsewhere).
    "home:home": "signed in: shows only the person's own memberships",
    "organisations:list": "signed in: lists only visible organisations",
    "organisations:membership": "member.change on the membership's unit (test_views)",
    "organisations:invitation-cancel": "member.invite on the invitation's unit (test_views)",
    "organisations:invitation-accept": "public: needs the secret token (test_invitations)",
    "frameworks:list": "signed in: lists only visible frameworks",
    "frameworks:detail": "visible frameworks only (frameworks tests)",
    "frameworks:download": "visible frameworks only (frameworks tests)",
    "frameworks:publish": "framework.import on the owner (frameworks tests)",
    "frameworks:local-edit": "framework.customise on the owner (frameworks tests)",
    "accounts:sign-in": "public",
    "accounts:sign-out": "signed in",
    "accounts:profile": "signed in: own account only",
    "accounts:password-change": "signed in: own account only",
    "accounts:token-new": "signed in: own tokens only",
    "accounts:token-revoke": "signed in: own tokens only (accounts tests)",
    "accounts:password-reset": "public",
    "accounts:password-reset-sent": "public",
    "accounts:password-reset-confirm": "public: needs the emailed token",
    "accounts:password-reset-complete": "public",
}
ROUTES.update(ACCOUNT_ROUTES)
ROUTES.update(ASSESSMENT_ROUTES)
ROUTES.update(PARTICIPATION_ROUTES)
ROUTES.update(BARRIER_ROUTES)
ROUTES.update(SHARING_ROUTES)
ROUTES.update(INSIGHT_ROUTES)
ROUTES.update(EXPORT_ROUTES)
ROUTES.update(REVIEW_ROUTES)
ROUTES.update(OPERATIONS_ROUTES)
ROUTES.update(PRACTICE_ROUTES)
ROUTES.update(RELATIONSHIP_ROUTES)
ROUTES.update(AUDIT_ROUTES)
ROUTES.update(PRIVACY_ROUTES)

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


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_app_page_is_in_the_access_table():
    app_namespaces = (
        "home:",
        "organisations:",
        "frameworks:",
        "accounts:",
        "assessments:",
        "participation:",
        "sharing:",
        "insights:",
        "barriers:",
        "exports:",
        "reviews:",
        "practice:",
        "relationships:",
        "audit:",
        "privacy:",
    )
    served = {n for n in _named_patterns(get_resolver()) if n.startswith(app_namespaces)}
    missing = served - ROUTES.keys()
    assert not missing, f"Pages missing from ROUTES (say who may use them): {sorted(missing)}"


def test_every_action_in_the_table_is_used_by_a_page_or_service():
    used = {r.action for r in ROUTES.values() if isinstance(r, Route)}
    used |= {"member.view", "member.change", "member.grant_admin", "organisation.view"}  # unit page, services
    used |= {"round.close"}  # round-state (POST only; test_views_rounds)
    used |= {"barrier.respond"}  # a barrier's page (POST only; barriers test_views)
    used |= {"review.respond"}  # a thread's response (POST only; reviews test_views)
    used |= {"practice.share", "practice.moderate"}  # the practice library's pages (practice tests)
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
