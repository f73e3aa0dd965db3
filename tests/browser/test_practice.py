"""The practice library in the browser: a staff member shares an example anonymously, their PIE lead
publishes it, and a member of another organisation finds it by filter without seeing where it comes
from. Then the relationships view of a demo round, on a desktop and at 360 px. Axe on every page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.accounts.models import User
from openpie.assessments.models import Round
from openpie.demo.rounds import seed_demo_rounds
from openpie.organisations import services as organisation_services
from openpie.organisations.access import organisation_root
from openpie.organisations.models import Organisation, Role
from openpie.organisations.tests.factories import grant
from openpie.practice.models import PracticeExample
from tests.browser.conftest import DEMO_PASSWORD, PHONE, Demo, assert_accessible, assert_fits_width, sign_in

TITLE = "Keyworker walks instead of office meetings"
STORY = "We meet residents for a walk, side by side, not across a desk."


def _share(page: Page, base_url: str) -> None:
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("practice:library"))
    assert_accessible(page)
    page.get_by_role("link", name="Share practice that works").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share practice that works")
    assert_accessible(page)
    page.get_by_label("The story").fill(STORY)
    page.get_by_role("button", name="Save as a draft").click()  # no title, no element yet
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a title")
    expect(summary).to_contain_text("Choose at least one element")
    expect(page.get_by_label("The story")).to_have_value(STORY)
    assert_accessible(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What changed").fill("More residents keep their keywork sessions.")
    page.get_by_label("Staff training and support: Staff support").check()
    page.get_by_label("Which team or service is it from?").select_option(label="Harbour House")
    page.get_by_label("Who to contact about it (optional)").fill("Jo Evans, keyworker")
    page.get_by_label("Everyone on OpenPIE").check()
    page.get_by_label("Do not show our organisation").check()
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    page.get_by_role("button", name="Send it to a moderator").click()
    expect(page.locator(".openpie-practice-status")).to_have_text("Waiting for a moderator")
    assert_accessible(page)


def _publish(page: Page, base_url: str) -> None:
    sign_in(page, base_url, "lead@openpie.example")
    page.goto(base_url + reverse("practice:library"))
    assert_accessible(page)
    page.get_by_role("link", name="Waiting for moderation").click()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("main")).to_contain_text("Jo Evans")  # the moderator sees who wrote it
    assert_accessible(page)
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether to publish it or return it")
    assert_accessible(page)
    page.get_by_label("Publish it").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting for moderation")
    expect(page.locator("main")).to_contain_text("Nothing is waiting.")
    assert_accessible(page)


@pytest.mark.browser
def test_an_anonymous_example_is_shared_published_and_found_elsewhere_without_its_organisation(
    open_page: Callable[..., Page], base_url: str, demo: Demo
) -> None:
    _share(open_page(), base_url)
    _publish(open_page(), base_url)
    assert PracticeExample.objects.get(title=TITLE).status == PracticeExample.Status.PUBLISHED

    eastgate = organisation_services.organisation_create(name="Eastgate Housing", kind=Organisation.Kind.AGENCY)
    reader = User.objects.create_user("eve@eastgate.example", DEMO_PASSWORD, full_name="Eve Example")
    grant(reader, organisation_root(eastgate), Role.STAFF)
    page = open_page()
    sign_in(page, base_url, "eve@eastgate.example")
    page.goto(base_url + reverse("practice:library"))
    assert_accessible(page)
    page.get_by_label("Theme or element").select_option(label="Staff training and support: Staff support")
    page.get_by_label("Type of service").select_option(label="Hostel or supported housing")
    page.get_by_role("button", name="Show examples").click()
    expect(page.locator("#results")).to_have_text("1 example")
    card = page.locator(".openpie-practice-card")
    expect(card).to_contain_text(TITLE)
    expect(card).to_contain_text("Organisation not shown")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    main = page.locator("main").inner_text()
    for hidden in ("Riverside", "Harbour House", "Jo Evans"):
        assert hidden not in main
    assert_accessible(page)


@pytest.mark.browser
def test_the_library_works_on_a_phone(open_page: Callable[..., Page], base_url: str, demo: Demo) -> None:
    from openpie.demo.practice import seed_demo_practice

    seed_demo_practice(organisation=demo.organisation, moderator=User.objects.get(email="lead@openpie.example"))
    page = open_page(viewport=PHONE)
    sign_in(page, base_url, "viewer@openpie.example")
    page.goto(base_url + reverse("practice:library"))
    expect(page.locator("#results")).to_have_text("4 examples")
    assert_accessible(page)
    assert_fits_width(page, PHONE["width"])


@pytest.mark.browser
def test_the_relationships_view_of_a_demo_round(open_page: Callable[..., Page], base_url: str, demo: Demo) -> None:
    seed_demo_rounds(organisation=demo.organisation, by=User.objects.get(email="staff@openpie.example"))
    round_ = Round.objects.filter(unit=demo.unit("Harbour House"), state=Round.State.CLOSED).first()
    assert round_ is not None
    page = open_page()
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:round", args=[round_.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Relationships across every thread").click()
    expect(page.get_by_role("heading", level=2, name="Relationships across every thread")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    assert_accessible(page)

    phone = open_page(viewport=PHONE)
    sign_in(phone, base_url, "manager@openpie.example")
    phone.goto(base_url + reverse("relationships:unit", args=[demo.unit("North Locality").pk]))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Relationships across every thread")
    assert_accessible(phone)
    assert_fits_width(phone, PHONE["width"])


@pytest.mark.browser
def test_every_other_practice_page_is_accessible(open_page: Callable[..., Page], base_url: str, demo: Demo) -> None:
    from openpie.practice.tests.factories import make_example

    staff = User.objects.get(email="staff@openpie.example")
    lead = User.objects.get(email="lead@openpie.example")
    harbour = demo.unit("Harbour House")
    returned = make_example(
        author=staff, unit=harbour, framework=demo.framework, moderator=lead, status=PracticeExample.Status.RETURNED
    )
    published = make_example(author=staff, unit=harbour, framework=demo.framework, moderator=lead, title="Published")
    page = open_page()
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("practice:mine"))
    expect(page.locator("main")).to_contain_text("Returned to the author")
    assert_accessible(page)
    page.get_by_role("link", name=returned.title).click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("Please say more.")
    assert_accessible(page)
    page.get_by_role("link", name="Change it").click()
    expect(page.get_by_label("Title")).to_have_value(returned.title)
    assert_accessible(page)
    page.goto(base_url + reverse("practice:withdraw", args=[published.pk]))
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your examples")
    assert_accessible(page)
    page.goto(base_url + reverse("practice:queue"))  # staff do not moderate
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not moderate the practice library")
    assert_accessible(page)

    reader = open_page(viewport=PHONE)
    sign_in(reader, base_url, "viewer@openpie.example")
    reader.goto(base_url + reverse("practice:new"))  # read-only members do not share
    expect(reader.get_by_role("heading", level=1)).to_have_text("You cannot share practice yet")
    assert_accessible(reader)

    admin = open_page()
    sign_in(admin, base_url, "admin@openpie.example")
    admin.goto(base_url + reverse("frameworks:organisation", args=[demo.organisation.pk]))
    assert_accessible(admin)
    admin.get_by_role("link", name="Relationship words").click()
    admin.get_by_label("Relationship words").fill("cuppa\n<b>")
    admin.get_by_role("button", name="Save the words").click()
    expect(admin.locator(".govuk-error-summary")).to_contain_text("letters only")
    assert_accessible(admin)
    admin.get_by_label("Relationship words").fill("cuppa\nkey worker")
    admin.get_by_role("button", name="Save the words").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Your wording")
    assert_accessible(admin)
