"""From an empty installation, through pages alone: an organisation's first admin adds a team, starts and
opens a round, checks a thread against its review criteria (red / amber / green with a note), sees what
each level looks like, and finds the ratings in the report. Axe on every page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from openpie.assessments.models import CriterionRating
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_width
from tests.browser.journeys import (
    accept_invitation,
    add_unit,
    first_platform_admin,
    heading,
    start_and_open_round,
    start_organisation,
)

OPERATOR = "operator@platform.example"
ADMIN = "alex@harbour.example"
AWARENESS = "Psychological awareness"
FIRST = "We can explain, in our own words, how we make sense of behaviour that challenges us."


@pytest.mark.browser
def test_a_team_checks_a_thread_against_its_review_criteria(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    operator = open_page()
    first_platform_admin(operator, base_url, OPERATOR)
    start_organisation(operator, "Harbour Trust", "Service provider", ADMIN)

    page = open_page()
    accept_invitation(page, ADMIN, "Alex Harbour")
    heading(page)("Harbour Trust")
    add_unit(page, "Harbour House")
    start_and_open_round(page)

    # From the overview, and from stage 1, to the round's review criteria.
    page.get_by_role("link", name="Check against the review criteria").click()
    heading(page)("Check against the review criteria")
    assert_accessible(page)
    awareness = page.get_by_role("region", name=AWARENESS, exact=True)
    expect(awareness).to_contain_text(FIRST)
    expect(awareness).to_contain_text("Not rated")
    awareness.get_by_role("link", name=f"Rate the criteria for {AWARENESS}").click()
    heading(page)(f"Review criteria: {AWARENESS}")
    assert_accessible(page)

    # What each level looks like, beside the criteria.
    page.get_by_text("What each level looks like").first.click()
    expect(page.locator(".openpie-level-descriptors")).to_contain_text("Advanced")
    assert_accessible(page)

    # Rate the first criterion amber, with a note; leave the other unrated.
    page.get_by_role("group", name=FIRST).get_by_label("Amber: partly").check()
    page.get_by_label(f"Note on “{FIRST}” (optional)").fill("Night staff have not had the training yet.")
    page.get_by_role("button", name="Save ratings").click()
    heading(page)("Check against the review criteria")
    expect(page.get_by_role("main")).to_contain_text(f"Your ratings for {AWARENESS} have been saved.")
    awareness = page.get_by_role("region", name=AWARENESS, exact=True)
    expect(awareness).to_contain_text("Amber: partly")
    expect(awareness).to_contain_text("Night staff have not had the training yet.")
    assert_accessible(page)
    rating = CriterionRating.objects.get(position=0, thread__key="psychological-awareness")
    assert (rating.rating, rating.note) == ("amber", "Night staff have not had the training yet.")

    # Stage 1 links here too; the report shows the rating in words.
    page.get_by_role("navigation", name="Stages of this round").get_by_role("link", name="1. Where are we now?").click()
    expect(page.get_by_role("link", name="Check against the review criteria")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Stages of this round").get_by_role("link", name="Report").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("What each level looks like")
    expect(main).to_contain_text("Amber: partly")
    assert_accessible(page)

    # At a phone's width, the criteria pages fit without sideways scrolling and stay accessible.
    page.set_viewport_size(PHONE)
    page.goto(page.url.replace("/report/", "/review-criteria/"))
    heading(page)("Check against the review criteria")
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)
    page.get_by_role("link", name=f"Rate the criteria for {AWARENESS}").click()
    heading(page)(f"Review criteria: {AWARENESS}")
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)
