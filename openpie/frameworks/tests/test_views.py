"""Choosing the elements a unit uses (HTML view)."""

from __future__ import annotations

from django.urls import reverse

from openpie.frameworks.models import UnitElementExclusion


def test_choose_elements_offers_checkboxes_and_keeps_two_elements(world, client_for):
    client = client_for(world.people.lead)
    url = reverse("frameworks:unit-elements", args=[world.tree.service.pk])
    page = client.get(url).content.decode()
    assert 'name="elements" type="checkbox" value="staff-support" checked' in page
    assert 'name="elements" type="radio"' not in page
    response = client.post(url, {"elements": ["staff-support", "roles"]})
    assert response.status_code == 302
    excluded = set(
        UnitElementExclusion.objects.filter(unit=world.tree.service, framework=world.framework).values_list(
            "key", flat=True
        )
    )
    assert "staff-support" not in excluded
    assert "roles" not in excluded
    assert len(excluded) == 13
    again = client.get(url).content.decode()
    assert again.count("checked") == 2
    assert 'value="staff-support" checked' in again
    assert 'value="roles" checked' in again


def test_choose_elements_with_none_ticked_says_so_and_changes_nothing(world, client_for):
    client = client_for(world.people.lead)
    url = reverse("frameworks:unit-elements", args=[world.tree.service.pk])
    page = client.post(url, {}).content.decode()
    assert "Choose at least one element for this unit to use." in page
    assert 'href="#id_elements_0"' in page
    assert not UnitElementExclusion.objects.filter(unit=world.tree.service).exists()


def test_choose_elements_for_another_organisations_unit_is_404(world, client_for):
    url = reverse("frameworks:unit-elements", args=[world.tree.service.pk])
    assert client_for(world.people.outsider).get(url).status_code == 404


def test_a_read_only_member_may_not_choose_elements(world, client_for):
    url = reverse("frameworks:unit-elements", args=[world.tree.service.pk])
    assert client_for(world.people.reader).post(url, {"elements": ["roles"]}).status_code == 403
