"""Adding a factor or an action: the add-form stays an add-form while the person types (nothing is created
behind their back, the form is not turned into the new item's form); what they typed survives a reload, and
the item is added once, with every word, when they press the button."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.assessments.models import Action, Factor
from tests.browser.conftest import Demo, assert_accessible, sign_in

TRAINING = "Staff training and support"


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
    expect(form.locator("[data-autosave-status]")).to_contain_text("Not added yet")
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
    region.get_by_role("button", name="Add").click()
    expect(page.get_by_role("region", name=TRAINING, exact=True)).to_contain_text(
        "Training budget cut by the contract."
    )
    assert list(Factor.objects.filter(thread__round=round_).values_list("text", flat=True)) == [
        "Training budget cut by the contract."
    ]
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
    expect(form.locator("[data-autosave-status]")).to_contain_text("Not added yet")
    assert not Action.objects.filter(round=round_).exists()
    assert form.get_attribute("action") == action
    expect(page.get_by_label("What will you do?")).to_be_focused()
    page.get_by_label("What will you do?").press_sequentially(" to restore the training budget.")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("main")).to_contain_text("Ask the commissioner to restore the training budget.")
    assert Action.objects.filter(round=round_).count() == 1
    assert_accessible(page)
