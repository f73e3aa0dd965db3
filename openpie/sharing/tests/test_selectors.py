"""What other organisations share with a person, read on every request."""

from __future__ import annotations

import pytest

from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant as add_member
from openpie.sharing.selectors import is_shared_unit, shared_units, sharing_banners
from openpie.sharing.tests.conftest import make_county
from openpie.sharing.tests.factories import make_grant

pytestmark = pytest.mark.django_db


def test_only_the_subtree_of_an_accepted_grant_is_shared(tree, county):
    make_grant(unit=tree.locality, grantee=county.organisation, scope="overview")
    shared = set(shared_units(county.commissioner, scope="overview"))
    assert shared == {tree.locality, tree.service, tree.team}


def test_the_scope_must_cover_the_page(tree, county):
    make_grant(unit=tree.root, grantee=county.organisation, scope="barriers")
    assert not shared_units(county.commissioner, scope="overview").exists()
    assert shared_units(county.commissioner, scope="barriers").count() == 4


def test_both_covers_either_scope(tree, county):
    make_grant(unit=tree.service, grantee=county.organisation, scope="both")
    for scope in ("overview", "barriers"):
        assert set(shared_units(county.commissioner, scope=scope)) == {tree.service, tree.team}


def test_an_unknown_scope_is_a_programming_error(county):
    with pytest.raises(ValueError, match="scope must be"):
        shared_units(county.commissioner, scope="both")


@pytest.mark.parametrize("state", ["requested", "declined", "revoked"])
def test_grants_that_are_not_accepted_share_nothing(tree, county, state):
    make_grant(unit=tree.root, grantee=county.organisation, state=state)
    assert not shared_units(county.commissioner, scope="overview").exists()


def test_a_revoked_grant_shares_nothing_on_the_next_call(tree, county):
    grant = make_grant(unit=tree.root, grantee=county.organisation)
    assert is_shared_unit(county.commissioner, tree.team, scope="overview")
    grant.state = "revoked"
    grant.save()
    assert not is_shared_unit(county.commissioner, tree.team, scope="overview")


def test_another_organisations_grant_is_not_visible(tree, county):
    other = make_county("Borough Council", "borough")
    make_grant(unit=tree.root, grantee=other.organisation)
    assert not shared_units(county.commissioner, scope="overview").exists()
    assert shared_units(other.commissioner, scope="overview").count() == 4


def test_only_roles_in_shared_view_at_the_top_see_shared_units(tree, county):
    make_grant(unit=tree.root, grantee=county.organisation)
    for person in (county.admin, county.commissioner, county.researcher):
        assert shared_units(person, scope="overview").count() == 4
    assert not shared_units(county.staff, scope="overview").exists()


def test_a_role_below_the_top_sees_nothing_shared(tree, other_tree, county, django_user_model):
    make_grant(unit=tree.root, grantee=other_tree.organisation)
    manager = django_user_model.objects.create(email="m@eastgate.example")
    add_member(manager, other_tree.locality, Role.MANAGER)
    assert not shared_units(manager, scope="overview").exists()


def test_own_units_are_not_shared_units(tree, county, people):
    make_grant(unit=tree.root, grantee=county.organisation)
    add_member(people.admin, county.root, Role.COMMISSIONER)
    assert not shared_units(people.admin, scope="overview").exists()


def test_the_query_count_does_not_grow_with_grants(tree, county, django_assert_num_queries):
    make_grant(unit=tree.locality, grantee=county.organisation)
    list(shared_units(county.commissioner, scope="overview"))  # memberships now loaded
    with django_assert_num_queries(1):
        list(shared_units(county.commissioner, scope="overview"))
    for n in range(5):
        make_grant(unit=make_county(f"Agency {n}", f"agency{n}").root, grantee=county.organisation)
    with django_assert_num_queries(1):
        assert len(list(shared_units(county.commissioner, scope="overview"))) == 8


def test_banners_name_the_granter_the_subtree_and_the_grantee(tree, county):
    tree.organisation.name = "Riverside Housing Trust"
    tree.organisation.save()
    tree.locality.name = "North Locality"
    tree.locality.save()
    make_grant(unit=tree.locality, grantee=county.organisation, scope="overview")
    banners = sharing_banners(county.commissioner, scope="overview", units=[tree.service, tree.team])
    assert [b.text for b in banners] == [
        "Riverside Housing Trust shares its overview (North Locality and below) with County Council."
    ]


def test_no_banner_for_own_units_or_units_outside_the_grant(tree, county):
    make_grant(unit=tree.service, grantee=county.organisation, scope="overview")
    assert sharing_banners(county.commissioner, scope="overview", units=[county.root]) == []
    assert sharing_banners(county.commissioner, scope="overview", units=[tree.locality]) == []


def test_a_grant_for_the_whole_organisation_says_so_plainly(tree, county):
    make_grant(unit=tree.root, grantee=county.organisation, scope="both")
    [banner] = sharing_banners(county.commissioner, scope="barriers", units=[tree.team])
    assert banner.text == f"{tree.organisation.name} shares its barriers with County Council."
