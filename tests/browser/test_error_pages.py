"""Error pages on a 360-px phone: a mistyped take-part link is a kind page for a service user, a
wrong address and a refused page are the house's own pages with a way on. axe on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.assessments.tests.factories import make_round
from openpie.participation.tests.factories import make_link
from tests.browser.conftest import PHONE, Demo, assert_accessible, assert_fits_width, sign_in


def check(page: Page) -> None:
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)


@pytest.mark.browser
def test_a_mistyped_take_part_link_is_a_kind_page(phone_page: Page, base_url: str, demo: Demo) -> None:
    page = phone_page
    token = make_link(make_round(demo.unit("Harbour House"), demo.framework, title="Linked")).token
    mistyped = token[:-1] + ("a" if token[-1] != "a" else "b")

    response = page.goto(base_url + reverse("participation:landing", args=[mistyped]))
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This link did not work")
    main = page.locator("main")
    expect(main).to_contain_text("It may have closed, or a letter may be wrong.")
    expect(main).to_contain_text("Ask a member of staff for a new link or the poster.")
    expect(main.get_by_role("link")).to_have_count(0)  # no staff sign-in as the way on
    check(page)


@pytest.mark.browser
def test_a_wrong_address_and_a_refusal_are_pages_with_a_way_on(phone_page: Page, base_url: str, demo: Demo) -> None:
    page = phone_page
    response = page.goto(f"{base_url}/no-such-page/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check(page)
    page.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenPIE")
    assert_accessible(page)

    sign_in(page, base_url, "viewer@openpie.example", check=check)
    response = page.goto(f"{base_url}/no-such-page/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check(page)

    thread = make_round(demo.unit("Harbour House"), demo.framework, title="Refused").threads.get(position=1)
    response = page.goto(base_url + reverse("assessments:evidence-add", args=[thread.pk]))
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this here")
    expect(page.locator("main")).to_contain_text("ask a PIE lead or an organisation admin")
    expect(page.locator("main")).not_to_contain_text("round.record")
    check(page)
    page.get_by_role("link", name="Go to your home page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert_accessible(page)
