"""A service user takes part on a 360-px phone with no account: opens the link, agrees, places beads
(one by keyboard), comments, finishes, and later takes the answers out with the code.
Five other people have already finished, so the overlay shows the service users' group: with the
person's answers before, without them after. axe on every page."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

from openpie.assessments import services as round_services
from openpie.assessments.models import Contribution, Round
from openpie.assessments.overlay.selectors import SERVICE_USERS, round_overlay
from openpie.assessments.tests.factories import make_round
from openpie.participation.models import ParticipationLink
from openpie.participation.tests.factories import finished, make_link
from tests.browser.conftest import PHONE, Demo, assert_accessible, assert_fits_width, screenshot, sign_in, tab_until


def check(page: Page) -> None:
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)


def service_users_shown(round_: Round) -> int | None:
    return round_overlay(round_).threads[0].group(SERVICE_USERS).count


def overlay_people(page: Page, base_url: str, round_: Round) -> str | None:
    """The number of service users the overlay page shows on the first thread (None if it has no overlay page)."""
    try:
        url = reverse("assessments:overlay", args=[round_.pk])
    except NoReverseMatch:
        return None
    page.goto(base_url + url)
    assert_accessible(page)
    page.locator(".openpie-overlay-board__details summary").first.click()  # the figures in full are in the details
    row = page.locator(".openpie-overlay-table").first.get_by_role("row").filter(has_text="Service users")
    return row.locator("td").first.inner_text().strip()


def answer(page: Page, label: str, comment: str = "") -> None:
    page.get_by_role("radio", name=label, exact=True).check()
    if comment:
        page.locator("#id_comment").fill(comment)  # labelled by the follow-up question where there is one
    page.get_by_role("button", name="Next").click()


@pytest.mark.browser
def test_a_service_user_takes_part_on_a_phone_and_withdraws(open_page, phone_page: Page, base_url: str, demo: Demo):
    round_ = make_round(demo.unit("Harbour House"), demo.framework, title="Spring with residents")
    round_services.round_open(round_=round_)
    link = make_link(round_, label="Poster in the lounge")
    ParticipationLink.objects.filter(pk=link.pk).update(scale=ParticipationLink.Scale.FINE)  # staff's fine scale
    link.refresh_from_db()
    for position in (6, 8, 9, 11, 12):
        finished(link, position)
    threads = list(round_.threads.order_by("position"))
    page = phone_page

    page.goto(base_url + reverse("participation:landing", args=[link.token]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say about Harbour House")
    check(page)
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start")
    check(page)
    page.get_by_label("Yes, staff can read my comments").check()
    page.get_by_label("I understand and I want to take part").check()
    page.get_by_role("button", name="I agree, start").click()

    # Question 1, by keyboard only: into the radio group, then the arrow keys.
    expect(page.get_by_text(f"Question 1 of {len(threads)}")).to_be_visible()
    check(page)
    tab_until(page, "#bead-none")
    for _ in range(8):  # round from "I would rather not say" to the first circle, then 7 to the right
        page.keyboard.press("ArrowRight")
    expect(page.locator("#bead-8")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Somewhere quiet to talk")
    screenshot(page, "participation-phone-question")
    page.get_by_role("button", name="Next").click()

    for number in range(2, len(threads) + 1):
        expect(page.get_by_text(f"Question {number} of {len(threads)}")).to_be_visible()
        check(page)
        answer(page, "Getting better, 2 of 5", "More groups in the evening" if number == 2 else "")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    check(page)
    expect(page.locator("#answers")).to_contain_text("OK, 3 of 5")
    expect(page.locator("#answers")).to_contain_text("Somewhere quiet to talk")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    check(page)
    code = page.locator("#withdrawal-code").inner_text().strip()
    assert len(code) == 14
    page.reload()
    expect(page.locator("#withdrawal-code")).to_have_text(code)
    check(page)

    # Six have now taken part, but the overlay still shows the first five: this person's answer waits
    # for a batch of five more, so the lead watching the page learns nothing of what they said.
    assert service_users_shown(round_) == 5
    lead = open_page()
    sign_in(lead, base_url, "lead@openpie.example")
    shown = overlay_people(lead, base_url, round_)
    assert shown in (None, "5")

    # Later: take the answers out with the code.
    page.get_by_role("link", name="take your answers out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Take your answers out")
    check(page)
    page.get_by_label("Your code").fill(code.lower())
    page.get_by_label("Take all my answers out").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure?")
    check(page)
    page.get_by_role("button", name="Yes, take my answers out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Done")
    expect(page.get_by_text("Your answers have been taken out")).to_be_visible()
    check(page)

    # The spent code, tried again, says when the answers went and asks nothing.
    page.goto(base_url + reverse("participation:withdraw"))
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers were already taken out")
    expect(page.get_by_role("main").get_by_role("button")).to_have_count(0)  # Listen and text size sit above
    check(page)

    mine = Contribution.objects.get(round=round_, state=Contribution.State.WITHDRAWN)
    assert not mine.placements.exclude(position=None).exists()
    assert service_users_shown(round_) == 5
    assert overlay_people(lead, base_url, round_) in (None, "5")


@pytest.mark.browser
def test_a_closed_link_is_a_kind_page_on_a_phone(phone_page: Page, base_url: str, demo: Demo):
    round_ = make_round(demo.unit("Harbour House"), demo.framework, title="Closed link")
    link = make_link(round_)
    round_services.round_open(round_=round_)
    from openpie.participation.services import link_close

    link_close(link=link, by=None)
    response = phone_page.goto(base_url + reverse("participation:landing", args=[link.token]))
    assert response is not None
    assert response.status == 410
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("This link did not work")
    check(phone_page)
