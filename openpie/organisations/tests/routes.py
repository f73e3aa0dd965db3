"""The organisation, framework, account and home pages' rows of the page access table.

Every app keeps its rows in ``openpie/<app>/tests/routes.py`` (a dict named ``*_ROUTES``);
``route.all_routes()`` finds them all for the access matrix and the security suites.
"""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route


def _wording_url(w):
    return reverse("frameworks:wording", args=[w.tree.organisation.pk, w.framework.pk, "staff-support"])


ORGANISATION_ROUTES: dict[str, Route | str] = {
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
    "frameworks:guidance": Route(
        "framework.customise",
        "root",
        lambda w: reverse("frameworks:guidance", args=[w.tree.organisation.pk, w.framework.pk, "roles"]),
    ),
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
