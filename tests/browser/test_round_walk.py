"""A new scribe walks a short-form round through all five stages, closes it, opens the next round,
moves two beads and sees the distance travelled: on a desktop and on a 360-px phone, axe on every page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from openpie.assessments.models import Action, Factor, Round
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    Demo,
    assert_accessible,
    assert_fits_width,
    page_watch,
    screenshot,
    sign_in,
)

AWARENESS = "Psychological awareness"
TRAINING = "Staff training and support"


def checker(width: int) -> Callable[[Page], None]:
    def check(page: Page) -> None:
        assert_fits_width(page, width)
        assert_accessible(page)

    return check


def thread_region(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=name, exact=True)


def place_bead(page: Page, thread_key: str, label: str) -> None:
    """Choose a position on the thread's bead track; it saves at once."""
    section = page.locator(f"#thread-{thread_key}")
    section.get_by_role("radio", name=label, exact=True).first.check()
    expect(section.locator("[data-bead-status]")).to_contain_text("Saved")


def go_to_stage(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Stages of this round").get_by_role("link", name=name).click()


def record_stages(page: Page, check: Callable[[Page], None]) -> None:
    go_to_stage(page, "1. Where are we now?")
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Where are we now?")
    check(page)
    place_bead(page, "psychological-awareness", "Basic, position 2 of 5")
    place_bead(page, "staff-training-and-support", "Poor?, position 4 of 5")
    check(page)

    go_to_stage(page, "2. What tells us so?")
    check(page)
    awareness = thread_region(page, AWARENESS)
    awareness.get_by_label("What tells you so?").fill("Handovers talk about what lies behind behaviour.")
    awareness.get_by_role("button", name="Add evidence").click()
    expect(thread_region(page, AWARENESS)).to_contain_text("Handovers talk about what lies behind behaviour.")
    check(page)

    go_to_stage(page, "3. What helps, what hinders?")
    check(page)
    training = thread_region(page, TRAINING)
    training.get_by_label("Hinders", exact=True).check()
    training.get_by_label("Outside our control", exact=True).check()
    training.get_by_label("What helps or hinders?").fill("Training budget cut by the contract.")
    training.get_by_label("What kind of barrier is it?").select_option(label="Contract or funding rules")
    training.get_by_label("Tell our managers").check()
    training.get_by_role("button", name="Add").click()
    expect(thread_region(page, TRAINING)).to_contain_text("Training budget cut by the contract.")
    check(page)

    go_to_stage(page, "4. What will we do?")
    check(page)
    page.get_by_label("What will you do?").fill("Ask the commissioner to restore the training budget.")
    page.get_by_label("Or type their name").fill("Sam")
    page.get_by_label("Day").fill("15")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("table")).to_contain_text("Ask the commissioner to restore the training budget.")
    check(page)


def move_state(page: Page, button: str, state: str, check: Callable[[Page], None]) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.locator(".openpie-state").first).to_have_text(state)
    check(page)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_scribe_walks_a_round_and_the_next_one(open_page, base_url: str, demo: Demo, viewport: str) -> None:
    size = PHONE if viewport == "phone" else DESKTOP
    page = open_page(viewport=size, is_mobile=viewport == "phone", has_touch=viewport == "phone")
    check = checker(size["width"])
    house = demo.unit("Harbour House")
    # Autosave tries half-filled add forms and is told what is still missing.
    page_watch(page).expected |= {(400, "/factors/add/"), (400, "/actions/")}
    sign_in(page, base_url, "lead@openpie.example", check=check)

    page.goto(base_url + reverse("organisations:unit", args=[house.pk]))
    check(page)
    page.get_by_role("link", name="Start a round").first.click()
    check(page)
    page.get_by_label("Short form: one bead for each theme").check()
    page.get_by_role("button", name="Start the round").click()
    expect(page.locator(".openpie-state").first).to_have_text("Draft")
    check(page)
    move_state(page, "Open the round", "Open", check)

    record_stages(page, check)
    go_to_stage(page, "Overview")
    check(page)
    move_state(page, "Send for review", "In review", check)
    move_state(page, "Close the round", "Closed", check)
    go_to_stage(page, "Report")
    expect(page.get_by_role("main")).to_contain_text("Training budget cut by the contract.")
    check(page)
    if viewport == "desktop":
        screenshot(page, "round-report-page")

    go_to_stage(page, "Overview")
    page.get_by_role("link", name="Open the next round").click()
    check(page)
    page.get_by_role("button", name="Open the next round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1. Where are we now?")
    check(page)
    expect(page.locator("#thread-psychological-awareness")).to_contain_text("Basic")
    page.get_by_role("button", name="Open the round").count()  # the next round may start as a draft
    next_round = Round.objects.get(previous__unit=house)
    if next_round.state == Round.State.DRAFT:
        go_to_stage(page, "Overview")
        move_state(page, "Open the round", "Open", check)
        go_to_stage(page, "1. Where are we now?")
    place_bead(page, "psychological-awareness", "Progressing, position 1 of 5")
    place_bead(page, "staff-training-and-support", "Poor?, position 3 of 5")
    if viewport == "desktop":
        screenshot(page, "stage-where")

    go_to_stage(page, "5. How did it go?")
    main = page.get_by_role("main")
    expect(main).to_contain_text("4 positions right")
    expect(main).to_contain_text("1 position left")
    expect(main).to_contain_text("Ask the commissioner to restore the training budget.")
    check(page)
    assert Factor.objects.filter(thread__round__previous__isnull=True, control="outside").count() == 1
    assert Action.objects.filter(round=next_round, carried_from__isnull=False).count() == 1


@pytest.mark.browser
def test_a_coffee_break_check_in_on_a_phone_saves_as_people_type(phone_page: Page, base_url: str, demo: Demo) -> None:
    page = phone_page
    check = checker(PHONE["width"])
    sign_in(page, base_url, "staff@openpie.example", check=check)
    page.goto(base_url + reverse("organisations:unit", args=[demo.unit("Harbour House").pk]))
    check(page)
    page.get_by_role("link", name="Coffee-break check-in").click()
    check(page)
    page.get_by_role("button", name="Start a check-in").click()
    check(page)
    page.get_by_label("How’s things?").fill("Calmer since the new rota.")
    expect(page.locator("[data-autosave-status]").first).to_contain_text("Saved")
    page.reload()
    expect(page.get_by_label("How’s things?")).to_have_value("Calmer since the new rota.")
    check(page)
    page.get_by_role("button", name="Grow this into a full round").click()
    expect(page.get_by_role("navigation", name="Stages of this round")).to_be_visible()
    check(page)
