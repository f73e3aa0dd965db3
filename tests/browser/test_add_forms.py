"""Adding evidence, a factor or an action: the add-form stays an add-form while the person types (nothing is
created behind their back, the form is not turned into the new item's form); what they typed survives a reload,
and the item is added once, with every word, when they press the button (by htmx: the page is not reloaded,
the section comes back with the item and an empty add-form, and says so)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from openpie.assessments.models import Action, Evidence, Factor
from tests.browser.conftest import Demo, assert_accessible, sign_in

TRAINING = "Staff training and support"
AWARENESS = "Psychological awareness"
NOT_ADDED = "Not added yet"


def typed_and_rested(form: Locator, box: Locator, text: str, *, delay: int) -> None:
    """Type ``text`` slowly, then wait until the autosave has had its turn (for an add-form it says
    the words are not added yet, where an item's form would have saved): a state, not a fixed wait."""
    status = form.locator("[data-autosave-status]")
    status.evaluate("element => { element.textContent = ''; }")
    box.press_sequentially(text, delay=delay)
    expect(status).to_contain_text(NOT_ADDED)


def mark_page(page: Page) -> None:
    """A mark on this page's window: still there after the add means htmx answered, not a page load."""
    page.evaluate("window.openpieSamePage = true")


def assert_same_page(page: Page) -> None:
    assert page.evaluate("window.openpieSamePage === true")


@pytest.mark.browser
def test_evidence_typed_slowly_stays_in_the_add_form_until_added_once(page: Page, base_url: str, demo: Demo) -> None:
    round_ = demo.open_round()
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-evidence", args=[round_.pk]))
    region = page.get_by_role("region", name=AWARENESS, exact=True)
    form = region.locator("form.openpie-add-form")
    action = form.get_attribute("action")
    box = region.get_by_label("What tells you so")
    typed_and_rested(form, box, "Residents are greeted by name", delay=150)
    typed_and_rested(form, box, " at the door.", delay=150)
    assert not Evidence.objects.filter(thread__round=round_).exists()
    assert form.get_attribute("action") == action
    expect(box).to_have_value("Residents are greeted by name at the door.")
    expect(box).to_be_focused()
    expect(form.locator("[data-autosave-status]")).to_contain_text(NOT_ADDED)
    assert_accessible(page)

    mark_page(page)
    region.get_by_role("button", name="Add evidence").click()
    region = page.get_by_role("region", name=AWARENESS, exact=True)
    expect(region.locator(".openpie-item")).to_have_count(1)
    expect(region.locator(".openpie-item")).to_contain_text("Residents are greeted by name at the door.")
    expect(region.get_by_label("What tells you so")).to_have_value("")
    expect(region.locator("[data-autosave-status]")).to_have_text("The evidence has been added.")
    expect(region.get_by_role("button", name="Add evidence")).to_be_focused()
    assert_same_page(page)
    assert list(Evidence.objects.filter(thread__round=round_).values_list("text", flat=True)) == [
        "Residents are greeted by name at the door."
    ]
    assert_accessible(page)

    typed_and_rested(
        region.locator("form.openpie-add-form"), region.get_by_label("What tells you so"), "A second", delay=100
    )
    assert Evidence.objects.filter(thread__round=round_).count() == 1  # the new add-form keeps a draft too
    page.reload()
    region = page.get_by_role("region", name=AWARENESS, exact=True)
    expect(region.get_by_label("What tells you so")).to_have_value("A second")
    expect(region.locator(".openpie-item")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.browser
def test_an_add_form_sent_incomplete_comes_back_with_its_words_and_the_message(
    page: Page, base_url: str, demo: Demo
) -> None:
    round_ = demo.open_round()
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-factors", args=[round_.pk]))
    region = page.get_by_role("region", name=TRAINING, exact=True)
    region.get_by_label("What helps or hinders?").fill("Rota gaps on Sundays")
    mark_page(page)
    region.get_by_role("button", name="Add").click()
    region = page.get_by_role("region", name=TRAINING, exact=True)
    expect(region).to_contain_text("Choose whether this helps or hinders")
    expect(region.get_by_label("What helps or hinders?")).to_have_value("Rota gaps on Sundays")
    assert_same_page(page)
    assert not Factor.objects.filter(thread__round=round_).exists()
    assert_accessible(page)
    page.reload()  # the words sent are still the page's draft
    expect(page.get_by_role("region", name=TRAINING, exact=True).get_by_label("What helps or hinders?")).to_have_value(
        "Rota gaps on Sundays"
    )
    assert_accessible(page)


@pytest.mark.browser
def test_a_factor_being_typed_is_not_added_until_the_person_adds_it(page: Page, base_url: str, demo: Demo) -> None:
    round_ = demo.open_round()
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-factors", args=[round_.pk]))
    assert_accessible(page)
    region = page.get_by_role("region", name=TRAINING, exact=True)
    form = region.locator("form.openpie-add-form")
    action = form.get_attribute("action")
    box = region.get_by_label("What helps or hinders?")
    box.fill("Training budget")
    # The moment the autosave would have sent it, it says it kept it on the page instead.
    expect(form.locator("[data-autosave-status]")).to_contain_text(NOT_ADDED)
    assert not Factor.objects.filter(thread__round=round_).exists()
    assert form.get_attribute("action") == action
    expect(box).to_be_focused()
    assert_accessible(page)

    box.press_sequentially(" cut by the contract.")
    page.reload()
    region = page.get_by_role("region", name=TRAINING, exact=True)
    expect(region.get_by_label("What helps or hinders?")).to_have_value("Training budget cut by the contract.")
    assert not Factor.objects.filter(thread__round=round_).exists()
    assert_accessible(page)

    region.get_by_label("Hinders", exact=True).check()
    region.get_by_label("Within our control", exact=True).check()
    mark_page(page)
    region.get_by_role("button", name="Add").click()
    expect(page.get_by_role("region", name=TRAINING, exact=True)).to_contain_text(
        "Training budget cut by the contract."
    )
    assert list(Factor.objects.filter(thread__round=round_).values_list("text", flat=True)) == [
        "Training budget cut by the contract."
    ]
    assert_same_page(page)
    expect(page.get_by_role("region", name=TRAINING, exact=True).get_by_label("What helps or hinders?")).to_have_value(
        ""
    )
    assert_accessible(page)


@pytest.mark.browser
def test_an_action_being_typed_is_not_added_until_the_person_adds_it(page: Page, base_url: str, demo: Demo) -> None:
    round_ = demo.open_round()
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-actions", args=[round_.pk]))
    assert_accessible(page)
    form = page.locator("form.openpie-add-form")
    action = form.get_attribute("action")
    page.get_by_label("What will you do?").fill("Ask the commissioner")
    expect(form.locator("[data-autosave-status]")).to_contain_text(NOT_ADDED)
    assert not Action.objects.filter(round=round_).exists()
    assert form.get_attribute("action") == action
    expect(page.get_by_label("What will you do?")).to_be_focused()
    page.get_by_label("What will you do?").press_sequentially(" to restore the training budget.")
    mark_page(page)
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("main")).to_contain_text("Ask the commissioner to restore the training budget.")
    expect(page.locator("#action-plan [data-autosave-status]")).to_have_text("The action has been added to the plan.")
    expect(page.get_by_label("What will you do?")).to_have_value("")
    assert_same_page(page)
    assert Action.objects.filter(round=round_).count() == 1
    assert_accessible(page)


@pytest.mark.browser
def test_without_javascript_the_add_button_posts_the_form(
    open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    round_ = demo.open_round()
    plain = open_page()
    plain.route("**/*.js", lambda route: route.abort())  # no script of the site's: neither htmx nor autosave
    sign_in(plain, base_url, "staff@openpie.example")
    plain.goto(base_url + reverse("assessments:stage-evidence", args=[round_.pk]))
    assert_accessible(plain)
    region = plain.get_by_role("region", name=AWARENESS, exact=True)
    region.get_by_label("What tells you so").fill("Residents chair the house meeting.")
    region.get_by_role("button", name="Add evidence").click()
    expect(plain.get_by_role("main")).to_contain_text("The evidence has been saved.")
    region = plain.get_by_role("region", name=AWARENESS, exact=True)
    expect(region.locator(".openpie-item")).to_have_count(1)
    expect(region.locator(".openpie-item")).to_contain_text("Residents chair the house meeting.")
    assert_accessible(plain)
    assert Evidence.objects.filter(thread__round=round_).count() == 1
