"""Starting organisations: its rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

ONBOARDING_ROUTES: dict[str, Route | str] = {
    "onboarding:tasks": Route(
        "organisation.change", "root", lambda w: reverse("onboarding:tasks", args=[w.tree.organisation.pk])
    ),
    "onboarding:levels": Route(
        "organisation.change", "root", lambda w: reverse("onboarding:levels", args=[w.tree.organisation.pk])
    ),
    "onboarding:units-import": Route(
        "unit.add", "root", lambda w: reverse("onboarding:units-import", args=[w.tree.organisation.pk])
    ),
    "onboarding:units-template": Route(
        "unit.add", "root", lambda w: reverse("onboarding:units-template", args=[w.tree.organisation.pk])
    ),
    "onboarding:people-import": Route(
        "member.invite", "root", lambda w: reverse("onboarding:people-import", args=[w.tree.organisation.pk])
    ),
    "onboarding:people-template": Route(
        "member.invite", "root", lambda w: reverse("onboarding:people-template", args=[w.tree.organisation.pk])
    ),
    "onboarding:first-admin": "public only while there is no platform admin, then 404 (onboarding test_setup)",
    "onboarding:organisations": "platform admins only, second step done; anyone else 404 (onboarding test_platform)",
    "onboarding:organisation-start": "platform admins only; anyone else 404 (onboarding test_platform)",
    "onboarding:organisation": "platform admins only; anyone else 404 (onboarding test_platform)",
    "onboarding:invitation-resend": "platform admins only, first-admin invitations only (onboarding test_platform)",
    "onboarding:invitation-cancel": "platform admins only, first-admin invitations only (onboarding test_platform)",
    "onboarding:requests": "platform admins only, when requests are on; else 404 (onboarding test_requests)",
    "onboarding:request": "platform admins only, when requests are on; else 404 (onboarding test_requests)",
    "onboarding:request-new": "public when OPENPIE_ALLOW_ORGANISATION_REQUESTS is on, rate-limited (test_requests)",
    "onboarding:request-sent": "public when OPENPIE_ALLOW_ORGANISATION_REQUESTS is on (onboarding test_requests)",
}
