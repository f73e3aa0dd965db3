"""The sharing matrix: what a commissioner sees of a service provider's data with no grant, with each
kind of grant, and after revocation (nothing), on pages, in the API and in exports.

Each row is a grant state; each column something the commissioner might open. Expected: the
overview only with an overview (or both) grant, barriers only with a barriers (or both) grant,
never the round itself, and nothing at all after revocation, on the very next request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openpie.assessments import services as rounds
from openpie.sharing import services as sharing
from openpie.sharing.models import SharingGrant
from openpie.sharing.tests.conftest import make_county

# Whether the overview PDF is made is the point, not the PDF: not laid out here (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdf_not_laid_out")]

Probe = Callable[[Client, Any], bool]


def _status(client: Client, url: str) -> int:
    return client.get(url).status_code


def _sees_barriers_in_register(client: Client, world: Any) -> bool:
    answer = client.get("/api/v1/barriers/register").json()
    return answer["barriers"] > 0


def _export(client: Client, kind: str, fmt: str, target: int) -> bool:
    answer = client.post(
        "/api/v1/exports", {"kind": kind, "format": fmt, "target_id": target}, content_type="application/json"
    )
    return answer.status_code in {200, 201, 202}


PROBES: dict[str, Probe] = {
    "overview page": lambda c, w: _status(c, reverse("insights:overview", args=[w.tree.locality.pk])) == 200,
    "overview API": lambda c, w: _status(c, f"/api/v1/units/{w.tree.locality.pk}/overview") == 200,
    "barrier page": lambda c, w: _status(c, reverse("barriers:detail", args=[w.round.barrier.pk])) == 200,
    "barrier responses API": lambda c, w: _status(c, f"/api/v1/barriers/{w.round.barrier.pk}/responses") == 200,
    "barriers register API": _sees_barriers_in_register,
    "the round itself": lambda c, w: _status(c, reverse("assessments:round", args=[w.round.round.pk])) == 200,
    "the round in the API": lambda c, w: _status(c, f"/api/v1/rounds/{w.round.round.pk}") == 200,
    "overview PDF export": lambda c, w: _export(c, "overview_pdf", "pdf", w.tree.locality.pk),
    "the round's export": lambda c, w: _export(c, "round", "xlsx", w.round.round.pk),
}
SEES = {
    "no grant": set(),
    "overview": {"overview page", "overview API", "overview PDF export"},
    "barriers": {"barrier page", "barrier responses API", "barriers register API"},
    "both": {
        "overview page",
        "overview API",
        "overview PDF export",
        "barrier page",
        "barrier responses API",
        "barriers register API",
    },
    "revoked": set(),
    "declined": set(),
    "requested": set(),
}


def _grant(world: Any, county: Any, row: str) -> None:
    if row == "no grant":
        return
    scope = "both" if row in {"revoked", "declined", "requested"} else row
    asked = sharing.grant_request(
        grantee=county.organisation, unit=world.tree.locality, scope=scope, by=county.commissioner
    )
    if row == "requested":
        return
    if row == "declined":
        sharing.grant_decline(grant=asked, by=world.people.admin)
        return
    accepted = sharing.grant_accept(grant=asked, by=world.people.admin)
    if row == "revoked":
        sharing.grant_revoke(grant=accepted, by=world.people.admin)


@pytest.fixture
def shared_world(world):
    rounds.round_submit(round_=world.round.round)  # barriers count from rounds that are no longer drafts
    return world


@pytest.mark.parametrize("row", list(SEES))
def test_a_commissioner_sees_exactly_what_is_granted(row, shared_world, client_for):
    county = make_county()
    _grant(shared_world, county, row)
    client = client_for(county.commissioner)
    seen = {name for name, probe in PROBES.items() if probe(client, shared_world)}
    print(f"sharing matrix: {row}: {len(seen)} of {len(PROBES)} reachable")
    assert seen == SEES[row]


def test_revoking_takes_effect_on_the_next_request(shared_world, client_for):
    county = make_county()
    _grant(shared_world, county, "both")
    client = client_for(county.commissioner)
    assert {name for name, probe in PROBES.items() if probe(client, shared_world)} == SEES["both"]
    grant = SharingGrant.objects.get(grantee=county.organisation)
    sharing.grant_revoke(grant=grant, by=shared_world.people.admin)
    assert {name for name, probe in PROBES.items() if probe(client, shared_world)} == set()
