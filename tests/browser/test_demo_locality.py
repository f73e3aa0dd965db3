"""The whole demo as a newcomer opens it: the commissioner's home, the housing association's overview
and the barriers register each show something real (figures, barriers, answers). Axe on every page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.organisations.models import Unit
from tests.browser.conftest import PHONE, Demo, assert_accessible, assert_fits_width, sign_in


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
    expect(main).to_contain_text("Open Minds Mental Health shares its barriers with County Council Commissioning Team")
    answered = main.get_by_role("table", name="County Council Commissioning Team")
    expect(answered.get_by_role("row", name="Every kind")).to_be_visible()  # the council's answers, counted
    assert_accessible(page)

    main.get_by_role("table", name="Barriers by kind").get_by_role("link", name="Move-on accommodation").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Nowhere to move on to with mental health support.")  # Riverside's, still open
    expect(main).to_contain_text("People ready to leave hospital wait here for months")  # the charity's
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


@pytest.mark.browser
def test_the_register_reads_on_a_phone_without_sideways_scrolling(
    open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    """Its wide tables (each responder's answers, the kinds, the quarters) scroll inside their own
    focusable boxes; the page itself fits 360 px."""
    demo.whole()
    page = open_page(viewport=PHONE, is_mobile=True)
    sign_in(page, base_url, "commissioner@openpie.example")
    page.goto(base_url + reverse("barriers:register"))
    main = page.get_by_role("main")
    expect(main.get_by_role("region", name="Barriers by kind (scrolls sideways on a small screen)")).to_be_visible()
    expect(main.get_by_role("table", name="County Council Commissioning Team")).to_be_attached()
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)
