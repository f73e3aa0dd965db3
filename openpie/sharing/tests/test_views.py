"""The sharing pages: who may use them, and what a person sees when input is wrong."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.sharing.models import SharingGrant
from openpie.sharing.tests.factories import make_grant

pytestmark = pytest.mark.django_db


def test_the_sharing_page_lists_grants_given_and_received(tree, county, people, client_for):
    make_grant(unit=tree.locality, grantee=county.organisation, by=county.commissioner)
    page = client_for(people.admin).get(reverse("sharing:organisation", args=[tree.organisation.pk]))
    assert county.organisation.name in page.content.decode()
    received = client_for(county.researcher).get(reverse("sharing:organisation", args=[county.organisation.pk]))
    assert f"{tree.locality.name} and below" in received.content.decode()


def test_a_commissioner_asks_by_name_and_the_request_is_waiting(tree, county, client_for):
    response = client_for(county.commissioner).post(
        reverse("sharing:request", args=[county.organisation.pk]),
        {"organisation": tree.organisation.pk, "unit": tree.locality.name, "scope": "barriers"},
    )
    assert response.status_code == 302
    grant = SharingGrant.objects.get()
    assert (grant.unit, grant.scope, grant.state) == (tree.locality, "barriers", "requested")


def test_bad_input_is_explained(tree, county, client_for):
    url = reverse("sharing:request", args=[county.organisation.pk])
    page = client_for(county.admin).post(url, {"organisation": tree.organisation.pk, "unit": "Atlantis"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Choose what you want to see" in text
    assert "no one unit called" in text
    assert not SharingGrant.objects.exists()


def test_only_agencies_other_than_ones_own_can_be_asked(tree, county, client_for):
    url = reverse("sharing:request", args=[county.organisation.pk])
    page = client_for(county.admin).post(url, {"organisation": county.organisation.pk, "scope": "both"})
    assert "Choose an organisation from the list" in page.content.decode()


def test_the_granter_accepts_a_smaller_part(tree, county, people, client_for):
    grant = make_grant(unit=tree.root, grantee=county.organisation, state="requested", by=county.admin)
    response = client_for(people.admin).post(
        reverse("sharing:decide", args=[grant.pk]), {"decision": "accept", "unit": tree.service.pk}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.state, grant.unit) == ("accepted", tree.service)


def test_deciding_twice_is_a_clear_error(tree, county, people, client_for):
    grant = make_grant(unit=tree.root, grantee=county.organisation, state="declined")
    page = client_for(people.admin).post(reverse("sharing:decide", args=[grant.pk]), {"decision": "accept"})
    assert "cannot be accepted" in page.content.decode()


def test_revoke_takes_effect_at_once(tree, county, people, client_for):
    grant = make_grant(unit=tree.root, grantee=county.organisation)
    client_for(people.admin).post(reverse("sharing:revoke", args=[grant.pk]))
    grant.refresh_from_db()
    assert grant.state == "revoked"


def test_the_grantee_gives_a_grant_up(tree, county, client_for):
    grant = make_grant(unit=tree.root, grantee=county.organisation)
    client_for(county.commissioner).post(reverse("sharing:relinquish", args=[grant.pk]))
    grant.refresh_from_db()
    assert grant.state == "revoked"


@pytest.mark.parametrize("name", ["decide", "revoke", "relinquish"])
def test_an_outsider_gets_404(tree, county, people, client_for, name):
    grant = make_grant(unit=tree.root, grantee=county.organisation, state="requested")
    assert client_for(people.outsider).post(reverse(f"sharing:{name}", args=[grant.pk])).status_code == 404


def test_the_wrong_side_or_role_gets_403(tree, county, people, client_for):
    grant = make_grant(unit=tree.root, grantee=county.organisation)
    assert client_for(county.admin).post(reverse("sharing:revoke", args=[grant.pk])).status_code == 403
    assert client_for(people.admin).post(reverse("sharing:relinquish", args=[grant.pk])).status_code == 403
    assert client_for(county.researcher).post(reverse("sharing:relinquish", args=[grant.pk])).status_code == 403
    own = client_for(county.staff).get(reverse("sharing:organisation", args=[county.organisation.pk]))
    assert own.status_code == 403


def test_wrong_methods_get_405(tree, county, people, client_for):
    grant = make_grant(unit=tree.root, grantee=county.organisation)
    assert client_for(people.admin).get(reverse("sharing:revoke", args=[grant.pk])).status_code == 405
    page = reverse("sharing:organisation", args=[tree.organisation.pk])
    assert client_for(people.admin).post(page).status_code == 405


def test_the_banner_include_shows_each_sentence(rf):
    from django.template.loader import render_to_string

    html = render_to_string("sharing/_banner.html", {"banners": [type("B", (), {"text": "A shares its overview."})]})
    assert "A shares its overview." in html


def test_the_org_admin_opts_in_to_research_on_the_edit_form(tree, people, client_for):
    url = reverse("organisations:edit", args=[tree.organisation.pk])
    assert "Take part in research" in client_for(people.admin).get(url).content.decode()
    body = {"name": tree.organisation.name, "kind": "agency", "research_opt_in": "on"}
    assert client_for(people.admin).post(url, body).status_code == 302
    tree.organisation.refresh_from_db()
    assert tree.organisation.research_opt_in


def test_the_sharing_page_links_to_what_is_shared_with_the_organisation(tree, county, people, client_for):
    make_grant(unit=tree.locality, grantee=county.organisation, scope="both")
    make_grant(unit=tree.root, grantee=county.organisation, scope="barriers", state="requested")
    url = reverse("sharing:organisation", args=[county.organisation.pk])
    page = client_for(county.commissioner).get(url).content.decode()
    assert "Open what others share with you" in page
    assert f'href="{reverse("insights:overview", args=[tree.locality.pk])}"' in page
    assert f'href="{reverse("barriers:register")}?locality={tree.locality.pk}"' in page
    assert reverse("insights:overview", args=[tree.root.pk]) not in page  # only asked for, not shared
    granter_side = client_for(people.admin).get(reverse("sharing:organisation", args=[tree.organisation.pk]))
    assert "Open what others share with you" not in granter_side.content.decode()
