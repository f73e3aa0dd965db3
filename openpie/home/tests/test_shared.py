"""The home page links a commissioner (or a network) to what other organisations share with it."""

from __future__ import annotations

from django.urls import reverse

from openpie.accounts.tests.factories import UserFactory
from openpie.organisations import services as organisation_services
from openpie.organisations.access import organisation_root
from openpie.organisations.models import Organisation, Role
from openpie.organisations.tests.factories import grant, make_tree
from openpie.sharing.tests.conftest import make_county
from openpie.sharing.tests.factories import make_grant


def _home(client_for, person) -> str:
    return client_for(person).get(reverse("home:home")).content.decode()


def test_a_commissioner_is_linked_to_each_shared_overview_and_the_barriers_register(world, client_for):
    county = make_county()
    tree = world.tree
    make_grant(unit=tree.locality, grantee=county.organisation, scope="both")
    page = _home(client_for, county.commissioner)
    overview = reverse("insights:overview", args=[tree.locality.pk])
    barriers = f"{reverse('barriers:register')}?locality={tree.locality.pk}"
    assert "Shared with you" in page
    assert f"{tree.organisation.name}: {tree.locality.name} and below" in page
    assert f'href="{overview}"' in page
    assert f'href="{barriers}"' in page
    client = client_for(county.commissioner)
    assert client.get(overview).status_code == 200
    register = client.get(barriers).content.decode()
    assert f'<option value="{tree.locality.pk}" selected>' in register


def test_only_what_the_grant_covers_is_linked(world, client_for):
    county = make_county()
    make_grant(unit=world.tree.root, grantee=county.organisation, scope="overview")
    page = _home(client_for, county.commissioner)
    assert f'href="{reverse("insights:overview", args=[world.tree.root.pk])}"' in page
    assert f'href="{reverse("barriers:register")}?locality=' not in page


def test_a_service_shared_for_its_barriers_links_to_the_whole_register(world, client_for):
    county = make_county()
    make_grant(unit=world.tree.service, grantee=county.organisation, scope="barriers")
    page = _home(client_for, county.commissioner)
    assert f'href="{reverse("barriers:register")}"><' not in page  # not the plain link at the top
    assert f'href="{reverse("barriers:register")}">barriers<' in page
    assert reverse("insights:overview", args=[world.tree.service.pk]) not in page


def test_grants_not_accepted_and_people_without_the_role_get_no_links(world, client_for):
    county = make_county()
    tree = world.tree
    make_grant(unit=tree.root, grantee=county.organisation, state="requested")
    make_grant(unit=tree.locality, grantee=county.organisation, state="declined")
    make_grant(unit=tree.service, grantee=county.organisation, state="revoked")
    assert "Shared with you" not in _home(client_for, county.commissioner)
    make_grant(unit=tree.team, grantee=county.organisation, scope="both")
    assert "Shared with you" in _home(client_for, county.commissioner)
    assert "Shared with you" not in _home(client_for, county.staff)  # no shared.view role
    assert "Shared with you" not in _home(client_for, world.people.admin)  # the granter's own people


def test_a_network_sees_each_member_that_shares_with_it(world, client_for):
    network = organisation_services.organisation_create(name="Hostels Network", kind=Organisation.Kind.NETWORK)
    lead = UserFactory.create(email="lead@network.example")
    grant(lead, organisation_root(network), Role.ORG_ADMIN)
    other = make_tree("Northway")
    make_grant(unit=world.tree.root, grantee=network, scope="both")
    make_grant(unit=other.root, grantee=network, scope="overview")
    page = _home(client_for, lead)
    for unit in (world.tree.root, other.root):
        assert f'href="{reverse("insights:overview", args=[unit.pk])}"' in page
    assert page.index("Northway") < page.index("Riverside")


def test_the_home_page_query_count_does_not_grow_with_grants(world, client_for, django_assert_max_num_queries):
    county = make_county()
    make_grant(unit=world.tree.locality, grantee=county.organisation)
    client = client_for(county.commissioner)
    client.get(reverse("home:home"))
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("home:home"))
    for name in ("Northway", "Southfield", "Westcombe"):
        other = make_tree(name)
        make_grant(unit=other.root, grantee=county.organisation)
        make_grant(unit=other.service, grantee=county.organisation, scope="barriers")
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("home:home")).content.decode()
    assert page.count('/overview/"') == 4
