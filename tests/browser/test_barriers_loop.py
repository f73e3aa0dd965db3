"""The barriers loop: a staff member flags a barrier on the factors stage; a manager (and a
commissioner through a sharing grant) finds it counted in the barriers register and responds;
the staff member sees the response beside the barrier and a notification. Axe on every page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.accounts.models import User
from openpie.assessments import services
from openpie.assessments.tests.factories import make_round
from openpie.barriers.models import BarrierResponse
from openpie.organisations import services as organisation_services
from openpie.organisations.access import organisation_root
from openpie.organisations.models import Organisation, Role
from openpie.organisations.tests.factories import grant
from openpie.sharing import services as sharing
from tests.browser.conftest import DEMO_PASSWORD, Demo, assert_accessible, page_watch, sign_in

TRAINING = "Staff training and support"
BARRIER = "The contract pays for no training days."


@pytest.mark.browser
def test_a_barrier_goes_from_the_frontline_to_a_manager_and_back(
    open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    staff = User.objects.get(email="staff@openpie.example")
    round_ = make_round(demo.unit("Harbour House"), demo.framework, by=staff, title="Spring round")
    services.round_open(round_=round_)
    stage_url = base_url + reverse("assessments:stage-factors", args=[round_.pk])

    # The staff member flags a barrier to their managers.
    page = open_page()
    page_watch(page).expected |= {(400, "/factors/add/")}  # the autosave of a half-filled form
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(stage_url)
    assert_accessible(page)
    training = page.get_by_role("region", name=TRAINING, exact=True)
    training.get_by_label("Hinders", exact=True).check()
    training.get_by_label("Outside our control", exact=True).check()
    training.get_by_label("What helps or hinders?").fill(BARRIER)
    training.get_by_label("What kind of barrier is it?").select_option(label="Contract or funding rules")
    training.get_by_label("Tell our managers").check()
    training.get_by_role("button", name="Add").click()
    expect(page.get_by_role("region", name=TRAINING, exact=True)).to_contain_text(BARRIER)
    assert_accessible(page)

    # The manager finds it in the register, counted under its kind, and responds.
    manager = open_page()
    sign_in(manager, base_url, "manager@openpie.example")
    manager.get_by_role("link", name="Barriers register").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Barriers register")
    expect(manager.locator("#total-barriers")).to_have_text("1")
    expect(manager.locator("#total-unanswered")).to_have_text("1")
    assert_accessible(manager)
    manager.get_by_role("link", name="Contract or funding rules").click()
    expect(manager.get_by_role("table")).to_contain_text(BARRIER)
    assert_accessible(manager)
    manager.get_by_role("link", name="Open the barrier from Harbour House").click()
    expect(manager.get_by_role("heading", level=1)).to_contain_text("Contract or funding rules")
    assert_accessible(manager)
    manager.get_by_role("button", name="Send the response").click()  # nothing chosen yet
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Choose what you are doing about this barrier")
    assert_accessible(manager)
    manager.get_by_label("Action agreed").check()
    manager.get_by_label("Your response to the service").fill("Two training days are back in the contract.")
    manager.get_by_role("button", name="Send the response").click()
    expect(manager.locator("#responses + ol")).to_contain_text("Two training days are back in the contract.")
    assert_accessible(manager)
    assert BarrierResponse.objects.count() == 1
    manager.goto(base_url + reverse("barriers:register"))
    expect(manager.locator("#total-unanswered")).to_have_text("0")
    assert_accessible(manager)

    # The staff member sees the response beside the barrier, and a notification.
    page.goto(stage_url)
    training = page.get_by_role("region", name=TRAINING, exact=True)
    expect(training).to_contain_text("Two training days are back in the contract.")
    expect(training).to_contain_text("Action agreed")
    assert_accessible(page)
    page.goto(base_url + reverse("home:home"))
    expect(page.get_by_role("link", name="Notifications")).to_contain_text("1 new")
    assert_accessible(page)
    page.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.locator(".openpie-notifications")).to_contain_text("responded to a barrier Harbour House raised")
    assert_accessible(page)
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("Nothing new")).to_be_visible()
    assert_accessible(page)


@pytest.mark.browser
def test_a_commissioner_sees_a_shared_barrier_counted_and_responds(
    open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    county = organisation_services.organisation_create(name="County Council", kind=Organisation.Kind.COMMISSIONER)
    commissioner = User.objects.create_user("commissioner@county.example", DEMO_PASSWORD, full_name="Cam Reed")
    grant(commissioner, organisation_root(county), Role.COMMISSIONER)
    admin = User.objects.get(email="admin@openpie.example")
    asked = sharing.grant_request(
        grantee=county, unit=organisation_root(demo.organisation), scope="barriers", by=commissioner
    )
    sharing.grant_accept(grant=asked, by=admin)
    staff = User.objects.get(email="staff@openpie.example")
    round_ = make_round(demo.unit("Harbour House"), demo.framework, by=staff, title="Autumn round")
    services.round_open(round_=round_)
    stage_url = base_url + reverse("assessments:stage-factors", args=[round_.pk])

    # The service flags a barrier to its funder and lets others read its words.
    page = open_page()
    page_watch(page).expected |= {(400, "/factors/add/")}
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(stage_url)
    training = page.get_by_role("region", name=TRAINING, exact=True)
    training.get_by_label("Hinders", exact=True).check()
    training.get_by_label("Outside our control", exact=True).check()
    training.get_by_label("What helps or hinders?").fill(BARRIER)
    training.get_by_label("What kind of barrier is it?").select_option(label="Contract or funding rules")
    training.get_by_label("Tell our managers").check()
    training.get_by_label("Others we share barriers with may read these words").check()
    training.get_by_role("button", name="Add").click()
    expect(page.get_by_role("region", name=TRAINING, exact=True)).to_contain_text(BARRIER)
    assert_accessible(page)

    # The commissioner sees it counted in the register, with who shares it, and responds.
    funder = open_page()
    sign_in(funder, base_url, "commissioner@county.example")
    funder.get_by_role("link", name="Barriers register").click()
    expect(funder.locator("[data-sharing-banner]")).to_contain_text("Riverside Housing Trust shares its barriers")
    expect(funder.locator("#total-barriers")).to_have_text("1")
    assert_accessible(funder)
    funder.get_by_role("link", name="Contract or funding rules").click()
    expect(funder.get_by_role("table")).to_contain_text(BARRIER)
    assert_accessible(funder)
    funder.get_by_role("link", name="Open the barrier from Harbour House").click()
    funder.get_by_label("Looking into it").check()
    funder.get_by_label("Your response to the service").fill("We are reviewing training budgets in the contract.")
    funder.get_by_role("button", name="Send the response").click()
    expect(funder.locator("#responses + ol")).to_contain_text("We are reviewing training budgets")
    assert_accessible(funder)

    # The service sees the response beside its barrier.
    page.goto(stage_url)
    training = page.get_by_role("region", name=TRAINING, exact=True)
    expect(training).to_contain_text("We are reviewing training budgets in the contract.")
    expect(training).to_contain_text("Looking into it")
    assert_accessible(page)
