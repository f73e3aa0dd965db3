"""The browser suite's own checks can fail: each is shown a page with the defect it looks for."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    PHONE,
    PageWatch,
    assert_accessible,
    assert_fits_width,
    page_watch,
    press,
)


def open_sign_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenPIE")
    assert_accessible(page)


@pytest.mark.browser
def test_axe_names_the_rule_and_the_element_at_fault(page: Page, base_url: str) -> None:
    open_sign_in(page, base_url)
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=nolabel>')")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "label (critical): Form elements must have labels" in message
    assert "at #nolabel" in message


@pytest.mark.browser
def test_a_page_wider_than_the_phone_is_caught(phone_page: Page, base_url: str) -> None:
    open_sign_in(phone_page, base_url)
    assert_fits_width(phone_page, PHONE["width"])
    phone_page.evaluate(
        "() => { const d = document.createElement('div'); d.id = 'wide';"
        " d.style.width = '500px'; d.style.height = '1em'; document.querySelector('main').append(d); }"
    )
    with pytest.raises(pytest.fail.Exception, match="div#wide"):
        assert_fits_width(phone_page, PHONE["width"])


@pytest.mark.browser
def test_a_focus_that_cannot_be_seen_is_caught(page: Page, base_url: str) -> None:
    open_sign_in(page, base_url)
    page.evaluate(
        "() => { const s = document.querySelector('.govuk-skip-link').style;"
        " s.setProperty('outline', 'none', 'important'); s.setProperty('box-shadow', 'none', 'important'); }"
    )
    with pytest.raises(AssertionError, match="cannot be seen"):
        press(page)


@pytest.mark.browser
def test_the_content_security_policy_stays_on_and_its_violations_are_reported(page: Page, base_url: str) -> None:
    open_sign_in(page, base_url)
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';"
        " document.body.append(s); }"
    )
    expect(page.locator("body")).to_be_visible()
    assert page.evaluate("() => window.ran") is None
    watch = page_watch(page)
    assert any("Content Security Policy" in problem for problem in watch.problems), watch.problems
    watch.problems.clear()


@pytest.mark.browser
def test_a_page_left_unchecked_is_reported(page: Page, base_url: str) -> None:
    open_sign_in(page, base_url)
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page_watch(page).unchecked == [f"{base_url}/password-reset/"]
    assert page_watch(page).failures() == [
        f"loaded but never checked with assert_accessible: {base_url}/password-reset/"
    ]
    assert_accessible(page)
    assert page_watch(page).failures() == []


@pytest.mark.browser
def test_browser_problems_fail_the_test() -> None:
    watch = PageWatch(loads=["/a/"], checked=1, problems=["404 for stylesheet /static/x.css"])
    assert watch.failures() == ["the browser reported: 404 for stylesheet /static/x.css"]
