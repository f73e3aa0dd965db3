"""A facilitated session: the lead starts it; five members (some on a 360-px phone) place their own beads at
the same time; the lead's count goes up without a reload; the lead shows the overlay and it appears on every
member's screen without a reload; the scribe records the team's agreed position. Axe on every page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.assessments import services
from openpie.assessments.models import Placement, Round
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    Demo,
    assert_accessible,
    assert_fits_width,
    screenshot,
    sign_in,
)

MEMBERS = [
    # (email, on a phone, bead on "Psychological awareness")
    ("staff@openpie.example", False, "Basic, position 2 of 5"),
    ("priya@openpie.example", True, "Basic, position 4 of 5"),
    ("tom@openpie.example", False, "Progressing, position 1 of 5"),
    ("amara@openpie.example", True, "Basic, position 3 of 5"),
    ("lee@openpie.example", True, "Poor?, position 5 of 5"),
]
THREAD = "psychological-awareness"


def checker(width: int) -> Callable[[Page], None]:
    def check(page: Page) -> None:
        assert_fits_width(page, width)
        assert_accessible(page)

    return check


def _open_round(demo: Demo) -> Round:
    house = demo.unit("Harbour House")
    round_ = services.round_create(unit=house, framework=demo.framework, form=Round.Form.SHORT, by=None)
    services.round_open(round_=round_)
    return round_


def _member(open_page: Callable[..., Page], base_url: str, email: str, phone: bool) -> tuple[Page, Callable]:
    size = PHONE if phone else DESKTOP
    page = open_page(viewport=size, is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1)
    check = checker(size["width"])
    sign_in(page, base_url, email, check=check)
    return page, check


@pytest.mark.browser
def test_a_facilitated_session_from_start_to_the_agreed_position(open_page, base_url: str, demo: Demo) -> None:
    round_ = _open_round(demo)
    lead = open_page()
    lead_check = checker(DESKTOP["width"])
    sign_in(lead, base_url, "lead@openpie.example", check=lead_check)
    lead.goto(base_url + reverse("assessments:round", args=[round_.pk]))
    lead_check(lead)
    lead.get_by_role("link", name="Run a facilitated session").click()
    lead_check(lead)
    lead.get_by_role("button", name="Start a session").click()
    count = lead.locator("[data-session-count]")
    expect(count).to_have_text("0 people have placed beads")
    lead_check(lead)
    # Too early: the overlay cannot be shown to fewer than five people.
    lead.get_by_role("button", name="Show the overlay to everyone").click()
    expect(lead.get_by_role("main")).to_contain_text("Wait until at least 5 people have placed their beads")
    lead_check(lead)

    members = []
    for email, phone, _ in MEMBERS:
        page, check = _member(open_page, base_url, email, phone)
        page.goto(base_url + reverse("assessments:round", args=[round_.pk]))
        check(page)
        page.get_by_role("navigation", name="Stages of this round").get_by_role("link", name="Session").click()
        check(page)
        page.get_by_role("link", name="Place your own beads").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your own beads")
        expect(page.locator("[data-session-state]")).to_have_text(
            "A session is running. Nobody sees anyone's beads until your PIE lead shows the overlay."
        )
        check(page)
        members.append((page, check))

    # Everyone places a bead at once, then each waits for theirs to be saved.
    for (page, _), (_, _, label) in zip(members, MEMBERS, strict=True):
        page.locator(f"#thread-{THREAD}").get_by_role("radio", name=label, exact=True).first.check()
    for page, _ in members:
        expect(page.locator(f"#thread-{THREAD} [data-bead-status]")).to_contain_text("Saved")

    expect(count).to_have_text("5 people have placed beads", timeout=15_000)  # no reload: htmx polls
    lead_check(lead)
    lead.get_by_role("button", name="Show the overlay to everyone").click()
    expect(lead.get_by_role("main")).to_contain_text("The overlay is showing on everyone's screen.")
    lead_check(lead)

    for page, check in members:
        expect(page.locator("[data-session-state]")).to_have_text("The overlay is showing.", timeout=15_000)
        strip = page.locator("#session-overlay").get_by_role("img", name="Psychological awareness.", exact=False)
        expect(strip.first).to_be_visible()
        expect(page.locator("#session-overlay")).to_contain_text("Staff members: 5 beads")
        check(page)

    scribe, scribe_check = members[0]
    scribe.get_by_role("link", name="Open the overlay on its own page").click()
    expect(scribe.get_by_role("heading", level=1)).to_have_text("Overlay: everyone's beads")
    scribe_check(scribe)
    screenshot(scribe, "overlay-desktop")
    # The scribe places the team's bead on the line (the board's bead control saves it at once).
    row = scribe.locator(f"#overlay-{THREAD}")
    row.get_by_role("radio", name="Basic, position 3 of 5", exact=True).check(force=True)
    expect(row.locator("[data-bead-status]")).to_have_text("Saved: Basic, position 3 of 5")
    scribe.reload()
    expect(scribe.locator(f"#overlay-{THREAD}")).to_contain_text(
        "Agreed at Basic, position 3 of 5, from staff median Basic, position 3 of 5 (5 people)"
    )
    scribe_check(scribe)

    phone_page, phone_check = members[1]
    phone_page.get_by_role("link", name="Open the overlay on its own page").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Overlay: everyone's beads")
    phone_check(phone_page)
    screenshot(phone_page, "overlay-phone")

    lead.get_by_role("navigation", name="Stages of this round").get_by_role("link", name="Report").click()
    expect(lead.get_by_role("heading", name="Many voices: the overlay")).to_be_visible()
    expect(lead.locator("#overlay-psychological-awareness")).to_contain_text("Agreed at Basic, position 3 of 5")
    lead_check(lead)

    team = Placement.objects.get(thread__round=round_, thread__key=THREAD, contribution__kind="team")
    assert team.position == 8
    assert team.agreed_from is not None
    assert team.agreed_from["staff"]["count"] == 5
