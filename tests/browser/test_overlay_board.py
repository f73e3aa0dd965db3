"""The compact overlay board: every thread of a short round in at most two screens at 1280×900, the
groups' beads with their medians, each thread's details on demand (in place, or a page of its own), and
the agreed position placed on the line by keyboard and saved; the same without JavaScript; at 360 px
no sideways scrolling. Axe on every page.

The full groups (five staff members and five service users a thread) come from fixtures here: through
pages alone that would take ten people. ``test_overlay_journey`` walks the lead's part from nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.assessments import services
from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.tests.api_operations import Voice, add_voices
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    Demo,
    assert_accessible,
    assert_fits_width,
    screenshot,
    sign_in,
)

THREAD = "psychological-awareness"
TWO_SCREENS = 2 * DESKTOP["height"]


def _round_with_voices(demo: Demo) -> Round:
    round_ = services.round_create(
        unit=demo.unit("Harbour House"), framework=demo.framework, form=Round.Form.SHORT, by=None
    )
    services.round_open(round_=round_)
    threads = list(round_.threads.order_by("position").values_list("pk", flat=True))
    staff = [Voice(Contribution.Kind.INDIVIDUAL, {t: 6 + (n + i) % 5 for i, t in enumerate(threads)}) for n in range(5)]
    users = [
        Voice(
            Contribution.Kind.SERVICE_USER,
            {t: 3 + (2 * n + i) % 7 for i, t in enumerate(threads)},
            shares_comments=True,
            comment="More time to talk",
        )
        for n in range(5)
    ]
    add_voices(round_, staff + users)
    return round_


def _overlay(page: Page, base_url: str, round_: Round) -> None:
    page.goto(base_url + reverse("assessments:overlay", args=[round_.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Overlay: everyone's beads")


def _team_bead(round_: Round) -> Placement:
    return Placement.objects.get(thread__round=round_, thread__key=THREAD, contribution__kind="team")


@pytest.mark.browser
def test_the_board_fits_two_screens_and_the_agreed_bead_is_placed_by_keyboard(
    page: Page, base_url: str, demo: Demo
) -> None:
    round_ = _round_with_voices(demo)
    sign_in(page, base_url, "lead@openpie.example")
    _overlay(page, base_url, round_)
    assert_accessible(page)
    assert_fits_width(page, DESKTOP["width"])
    rows = page.locator(".openpie-overlay-board__row")
    expect(rows).to_have_count(5)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    screenshot(page, "overlay")
    assert height <= TWO_SCREENS, f"The overlay board is {height}px high for five threads"
    row = page.locator(f"#overlay-{THREAD}")
    expect(row.get_by_role("img", name="Psychological awareness.", exact=False)).to_be_visible()
    expect(row).to_contain_text("Staff members: median")
    expect(row).to_contain_text("Service users: median")
    expect(row.locator(".openpie-strip__median")).to_have_count(2)

    # Details on demand, in place.
    details = row.locator("details")
    expect(details.get_by_text("More time to talk").first).to_be_hidden()
    details.locator("summary").click()
    expect(details.get_by_text("More time to talk").first).to_be_visible()
    assert_accessible(page)

    # The agreed position: on the line, by keyboard, saved without a button.
    before = _team_bead(round_).position
    assert before is None
    control = row.get_by_role("radio", name="Basic, position 2 of 5", exact=True)
    control.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(row.locator("[data-bead-status]")).to_have_text("Saved: Basic, position 3 of 5")
    assert _team_bead(round_).position == 8
    page.reload()
    expect(page.locator(f"#overlay-{THREAD}")).to_contain_text("Agreed at Basic, position 3 of 5, from staff median")
    assert_accessible(page)

    # Each thread's details also on a page of their own.
    page.locator(f"#overlay-{THREAD} details summary").click()
    page.locator(f"#overlay-{THREAD}").get_by_role("link", name="All the figures for Psychological awareness").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overlay: Psychological awareness")
    expect(page.get_by_role("main")).to_contain_text("More time to talk")
    assert_accessible(page)


@pytest.mark.browser
def test_the_board_without_javascript_and_on_a_phone(open_page: Callable[..., Page], base_url: str, demo: Demo) -> None:
    round_ = _round_with_voices(demo)
    # Without the page's JavaScript: its scripts never load and the page is as a browser without
    # scripts shows it (no "js-enabled" class), so the radios and the Record button do the work.
    plain = open_page()
    plain.route("**/*.js", lambda route: route.abort())
    sign_in(plain, base_url, "lead@openpie.example")
    _overlay(plain, base_url, round_)
    plain.evaluate("() => document.body.classList.remove('js-enabled')")
    assert_accessible(plain)
    row = plain.locator(f"#overlay-{THREAD}")
    row.get_by_role("radio", name="Progressing, position 1 of 5", exact=True).check(force=True)
    row.get_by_role("button", name="Record the agreed position for Psychological awareness").click()
    expect(plain.get_by_role("main")).to_contain_text(
        "the team's agreed position is recorded at Progressing, position 1 of 5"
    )
    assert _team_bead(round_).position == 11
    assert_accessible(plain)
    plain.locator(f"#overlay-{THREAD} details summary").click()  # details open without JavaScript
    plain.locator(f"#overlay-{THREAD}").get_by_role("link", name="All the figures for Psychological awareness").click()
    expect(plain.get_by_role("heading", level=1)).to_have_text("Overlay: Psychological awareness")
    assert_accessible(plain)

    phone = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    sign_in(phone, base_url, "lead@openpie.example")
    _overlay(phone, base_url, round_)
    assert_fits_width(phone, PHONE["width"])
    assert_accessible(phone)
    expect(phone.locator(f"#overlay-{THREAD}")).to_contain_text("Agreed at Progressing, position 1 of 5")
    screenshot(phone, "overlay-phone")
