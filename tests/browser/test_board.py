"""Stage 1 as a board: every thread of a short round on one screen, one large bead per thread that a team
drags, clicks or moves with the keys, saved once it rests. From an empty installation through pages alone;
then without JavaScript, on a 360-px phone and in forced colours (Windows High Contrast). Axe on every page."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, Request, Response, expect

from openpie.assessments import services
from openpie.assessments.models import Placement, Round
from tests.browser.conftest import (
    DEMO_PASSWORD,
    DESKTOP,
    PHONE,
    SCREENSHOTS_ENV,
    Demo,
    assert_accessible,
    assert_fits_width,
    screenshot,
    sign_in,
)
from tests.browser.journeys import (
    PASSWORD,
    accept_invitation,
    add_unit,
    first_platform_admin,
    heading,
    start_and_open_round,
    start_organisation,
)

ADMIN = "alex@harbour.example"
THREADS = [
    "Psychological awareness",
    "Staff training and support",
    "Learning and enquiry",
    "Spaces of opportunity",
    "The Three Rs",
]
AWARENESS = "psychological-awareness"


def row(page: Page, key: str) -> Locator:
    return page.locator(f"#thread-{key}")


def bead(page: Page, key: str, label: str) -> Locator:
    return row(page, key).get_by_role("radio", name=label, exact=True).first


def is_save(response: Response) -> bool:
    return response.request.method == "POST" and "/placements/" in response.url


def saves(page: Page) -> list[str]:
    """The bead saves the page sends from now on (POSTs to a placement)."""
    sent: list[str] = []

    def note(request: Request) -> None:
        if request.method == "POST" and "/placements/" in request.url:
            sent.append(request.post_data or "")

    page.on("request", note)
    return sent


def team_bead(round_: Round, key: str) -> Placement:
    return Placement.objects.get(thread__round=round_, thread__key=key, contribution__kind="team")


def focus_ring(page: Page) -> str:
    """The focus ring drawn on the bead of the focused radio (the radio itself is invisible)."""
    return str(page.evaluate("() => getComputedStyle(document.activeElement.nextElementSibling).boxShadow"))


@pytest.mark.browser
def test_a_team_places_its_beads_on_the_board_from_an_empty_installation(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    operator = open_page()
    first_platform_admin(operator, base_url, "pat@operator.example")
    start_organisation(operator, "Harbour Trust", "Service provider", ADMIN)

    page = open_page()
    accept_invitation(page, ADMIN, "Alex Harbour")
    heading(page)("Harbour Trust")
    add_unit(page, "Night team")
    start_and_open_round(page, held_on=timezone.localdate().isoformat())
    round_ = Round.objects.get(unit__name="Night team")
    page.get_by_role("navigation", name="Stages of this round").get_by_role("link", name="1. Where are we now?").click()
    heading(page)("1. Where are we now?")
    assert_accessible(page)

    # One screen: every thread of the short round, at 1280 px, in no more than two screens of page.
    for name in THREADS:
        expect(page.get_by_role("heading", level=2, name=name, exact=True)).to_be_visible()
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= 2 * 900, f"the board is {height}px high"
    expect(page.get_by_role("button", name="Save the bead for Psychological awareness")).to_be_hidden()  # with JS
    expect(page.get_by_role("button", name="Take the bead off Psychological awareness")).to_be_hidden()  # no bead
    sent = saves(page)

    # A click: saved at once, and the bead can be taken off again.
    bead(page, AWARENESS, "Basic, position 2 of 5").click()
    status = row(page, AWARENESS).locator("[data-bead-status]")
    expect(status).to_have_text("Saved: Basic, position 2 of 5")
    assert team_bead(round_, AWARENESS).position == 7
    assert len(sent) == 1

    # The keyboard: four presses are one save, once the bead rests; Home and End go to the ends.
    with page.expect_response(is_save):  # the one save, once the bead rests
        for _ in range(4):
            page.keyboard.press("ArrowRight")
    expect(bead(page, AWARENESS, "Progressing, position 1 of 5")).to_be_checked()
    assert focus_ring(page) not in ("", "none"), "the focus on the bead cannot be seen"
    expect(status).to_have_text("Saved: Progressing, position 1 of 5")
    assert len(sent) == 2, sent
    assert team_bead(round_, AWARENESS).position == 11
    page.keyboard.press("End")
    expect(status).to_have_text("Saved: Advanced, position 5 of 5")
    page.keyboard.press("Home")
    expect(status).to_have_text("Saved: Poor?, position 1 of 5")
    assert team_bead(round_, AWARENESS).position == 1

    # A target on the slim row below shows as a hollow ring on the bead's own line.
    row(page, AWARENESS).get_by_role("radio", name="Progressing, position 3 of 5", exact=True).last.click()
    expect(status).to_contain_text("target Progressing, position 3 of 5")
    expect(row(page, AWARENESS).locator(".openpie-board-track__slot--target")).to_have_count(1)
    assert team_bead(round_, AWARENESS).target == 13

    # Every thread gets its bead; a thread is taken off again with its own button.
    for key, label in [
        ("staff-training-and-support", "Poor?, position 4 of 5"),
        ("learning-and-enquiry", "Basic, position 1 of 5"),
        ("spaces-of-opportunity", "Basic, position 5 of 5"),
        ("the-three-rs", "Progressing, position 2 of 5"),
    ]:
        bead(page, key, label).click()
        expect(row(page, key).locator("[data-bead-status]")).to_have_text(f"Saved: {label}")
    assert_accessible(page)
    screenshot(page, "board")
    page.get_by_role("button", name="Take the bead off The Three Rs").click()
    expect(row(page, "the-three-rs").locator("[data-bead-status]")).to_have_text("Saved: the bead is off this thread")
    assert team_bead(round_, "the-three-rs").position is None
    expect(bead(page, "the-three-rs", "Progressing, position 2 of 5")).not_to_be_checked()
    assert_accessible(page)

    # What was saved is what the page shows after a reload.
    page.reload()
    expect(bead(page, AWARENESS, "Poor?, position 1 of 5")).to_be_checked()
    expect(bead(page, "spaces-of-opportunity", "Basic, position 5 of 5")).to_be_checked()
    assert_accessible(page)

    # The same board on a 360-px phone: one thread a screen, no sideways scroll.
    phone = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    sign_in(phone, base_url, ADMIN, PASSWORD)
    phone.goto(base_url + reverse("assessments:stage-where", args=[round_.pk]))
    assert_fits_width(phone, PHONE["width"])
    assert_accessible(phone)
    for name in THREADS:
        key = name.lower().replace(" ", "-")
        box = row(phone, key).bounding_box()
        assert box is not None
        assert box["height"] <= PHONE["height"], f"{name} takes {box['height']}px on a phone"
    bead(phone, "the-three-rs", "Advanced, position 1 of 5").tap()
    expect(row(phone, "the-three-rs").locator("[data-bead-status]")).to_have_text("Saved: Advanced, position 1 of 5")
    assert_fits_width(phone, PHONE["width"])
    assert_accessible(phone)
    folder = os.environ.get(SCREENSHOTS_ENV)
    if folder:  # one thread, as a phone shows it: a screen of its own
        row(phone, AWARENESS).screenshot(path=str(Path(folder) / "board-phone.png"))


@pytest.mark.browser
def test_positions_are_named_for_screen_readers_and_the_marks_in_words(page: Page, base_url: str, demo: Demo) -> None:
    round_ = demo.open_round()
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-where", args=[round_.pk]))
    assert_accessible(page)
    group = page.get_by_role("group", name="Psychological awareness", exact=True)
    names = [radio.get_attribute("aria-label") for radio in group.get_by_role("radio").all()]
    assert len(names) == 20
    assert names[0] == "Poor?, position 1 of 5"
    assert names[6] == "Basic, position 2 of 5"
    assert names[19] == "Advanced, position 5 of 5"
    target = page.get_by_role("group", name="Target for Psychological awareness: where the team wants the bead to be")
    expect(target.get_by_role("radio")).to_have_count(20)
    expect(page.get_by_role("list", name="Key to the board")).to_contain_text("Where the bead is now")

    # Moving the bead with the keyboard: Tab reaches the first place of the first thread.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == "position":
            break
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Poor?, position 1 of 5"
    sent = saves(page)
    with page.expect_response(is_save):  # the one save, once the bead rests
        page.keyboard.press("Space")  # the bead goes on the thread at its first place
        for _ in range(3):
            page.keyboard.press("ArrowRight")
    status = row(page, AWARENESS).locator("[data-bead-status]")
    expect(status).to_have_text("Saved: Poor?, position 4 of 5")
    assert len(sent) == 1, f"{len(sent)} saves for one run of key presses"


def axe_without_scripts(page: Page, checker: Page) -> None:
    """Axe on a page shown without JavaScript: its HTML, scripts left out, served at its own address
    to a page that can run axe (so its styles load from the same site)."""
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S)
    url = page.url.split("#")[0]
    checker.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    checker.goto(url)
    assert_accessible(checker)
    checker.unroute(url)


@pytest.mark.browser
def test_without_javascript_the_radios_and_save_work(
    browser: Browser, open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    round_ = demo.open_round()
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", java_script_enabled=False)
    checker = open_page()
    try:
        page = context.new_page()
        page.goto(f"{base_url}/sign-in/")
        page.get_by_label("Email address", exact=True).fill("staff@openpie.example")
        page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(base_url + reverse("assessments:stage-where", args=[round_.pk]))
        axe_without_scripts(page, checker)
        expect(page.get_by_role("button", name="Save the bead for Psychological awareness")).to_be_visible()
        bead(page, AWARENESS, "Basic, position 3 of 5").check()
        row(page, AWARENESS).get_by_role("radio", name="Progressing, position 1 of 5", exact=True).last.check()
        page.get_by_role("button", name="Save the bead for Psychological awareness").click()
        expect(page.get_by_role("main")).to_contain_text("Psychological awareness: saved at Basic, position 3 of 5.")
        axe_without_scripts(page, checker)
        saved = team_bead(round_, AWARENESS)
        assert (saved.position, saved.target) == (8, 11)
        expect(bead(page, AWARENESS, "Basic, position 3 of 5")).to_be_checked()

        page.get_by_role("button", name="Take the bead off Psychological awareness").click()
        expect(bead(page, AWARENESS, "Basic, position 3 of 5")).not_to_be_checked()
        saved.refresh_from_db()
        assert (saved.position, saved.target) == (None, 11)
        page.get_by_role("button", name="Remove the target for Psychological awareness").click()
        axe_without_scripts(page, checker)
        saved.refresh_from_db()
        assert (saved.position, saved.target) == (None, None)
    finally:
        context.close()


@pytest.mark.browser
def test_in_forced_colours_the_chosen_bead_target_and_tab_keep_a_colour(
    open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    round_ = demo.open_round()
    services.placement_record(placement=team_bead(round_, AWARENESS), by=None, position=7, target=12, version=0)
    page = open_page(forced_colors="active")
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-where", args=[round_.pk]))
    assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
    assert_accessible(page)
    chosen = row(page, AWARENESS).locator(".openpie-board-track__input:checked + .openpie-board-track__bead")
    expect(chosen).to_have_count(2)  # the bead and the target
    clear = "rgba(0, 0, 0, 0)"
    bead_style = chosen.first.evaluate(
        "(el) => { const s = getComputedStyle(el); return [s.backgroundColor, s.outlineStyle, s.width]; }"
    )
    other = row(page, AWARENESS).locator(".openpie-board-track__input:not(:checked) + .openpie-board-track__bead").first
    other_background = other.evaluate("(el) => getComputedStyle(el).backgroundColor")
    assert bead_style[0] not in (clear, "transparent")
    assert bead_style[0] != other_background, "the chosen bead looks like every other place"
    assert bead_style[1] != "none"
    ring = (
        row(page, AWARENESS)
        .locator(".openpie-board-track__slot--target")
        .evaluate("(el) => getComputedStyle(el, '::before').borderTopColor")
    )
    assert ring not in (clear, "transparent")
    tab = page.locator('.openpie-round-nav__link[aria-current="page"]')
    assert tab.evaluate("(el) => getComputedStyle(el).borderBottomStyle") == "solid"
    screenshot(page, "board-forced-colours")
