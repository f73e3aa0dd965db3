"""The whole demo as a newcomer opens it: the commissioner's home, the housing association's overview
and the barriers register each show something real (figures, barriers, answers). Axe on every page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.organisations.models import Unit
from tests.browser.conftest import Demo, assert_accessible, sign_in


@pytest.mark.browser
def test_the_demo_commissioner_sees_the_locality(open_page: Callable[..., Page], base_url: str, demo: Demo) -> None:
    demo.whole()
    root = Unit.objects.get(organisation=demo.organisation, parent__isnull=True)
    page = open_page()
    sign_in(page, base_url, "commissioner@openpie.example")
    expect(page.get_by_role("main")).to_contain_text("Riverside Housing Trust")

    page.goto(base_url + reverse("insights:overview", args=[root.pk]))
    main = page.get_by_role("main")
    expect(main).to_contain_text("11 units with a round")
    expect(main).not_to_contain_text("too few to show figures")
    expect(main).to_contain_text("North Locality")
    assert_accessible(page)

    page.goto(base_url + reverse("barriers:register"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("No emergency beds for people found sleeping out after 10pm.")  # Riverside's
    expect(main).to_contain_text("Referrals are refused for anyone without a diagnosis.")  # the charity's
    assert_accessible(page)


@pytest.mark.browser
def test_the_demo_admin_sees_every_region_of_the_housing_association(
    open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    demo.whole()
    root = Unit.objects.get(organisation=demo.organisation, parent__isnull=True)
    page = open_page()
    sign_in(page, base_url, "admin@openpie.example")
    page.goto(base_url + reverse("insights:overview", args=[root.pk]))
    main = page.get_by_role("main")
    expect(main).to_contain_text("11 units with a round")
    expect(main).not_to_contain_text("Too few units to show")
    assert_accessible(page)
