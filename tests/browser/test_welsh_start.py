"""An installation started in Welsh, on a phone, from pages alone (migrations and the framework only).

The operator makes the first platform admin with the set-up code, choosing Cymraeg on the first
page, and sets up two-step sign-in; the platform admin starts an organisation; its first admin
joins from the emailed link (the email in Welsh) on a phone, choosing Cymraeg there, and
invites a staff member, who joins from their own Welsh email. Every page is read for English left
on it (``assert_in_welsh``) and checked with axe; the error pages (404, 403) are Welsh too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from openpie.accounts.tests.helpers import code_for_secret
from tests.browser.conftest import PHONE, SETUP_CODE, assert_accessible, assert_fits_width
from tests.browser.journeys import PASSWORD, emailed_link, heading
from tests.browser.welsh import assert_in_welsh, switch_to_welsh

OPERATOR = "operator@platform.example"
ADMIN = "alys@harbwr.example"
STAFF = "sam@harbwr.example"
ORGANISATION = "Ymddiriedolaeth yr Harbwr"
# Names people typed stay as they were written.
TYPED = [ORGANISATION, "Pat Operator", "Alys Jones", "Sam Rees", OPERATOR, ADMIN, STAFF]


def welsh_page(page: Page) -> None:
    """Every page of the journey: Welsh throughout, within a 360-px phone, and accessible."""
    assert_in_welsh(page, allow=TYPED)
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)


def open_phone(open_page: Callable[..., Page], **options: Any) -> Page:
    return open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, **options)


def menu(page: Page, link: str) -> None:
    """On a phone the service navigation folds behind its Welsh menu button."""
    page.get_by_role("button", name="Dewislen").click()
    page.get_by_role("link", name=link, exact=True).click()


def set_up_two_step(page: Page) -> None:
    """The two-step set-up a platform admin and an organisation admin must do, in Welsh."""
    heading(page)("Gosod mewngofnodi dau gam")
    welsh_page(page)
    page.get_by_text("Ni allaf sganio’r cod QR").click()
    page.get_by_label("Cod o’ch ap").fill(code_for_secret(page.locator("[data-secret]").inner_text()))
    page.get_by_role("button", name="Troi mewngofnodi dau gam ymlaen").click()
    expect(page.get_by_role("heading", name="Cadwch eich codau adfer")).to_be_visible()
    welsh_page(page)
    page.get_by_role("button", name="Rydw i wedi cadw fy nghodau adfer").click()


def welsh_email(email: str) -> str:
    """The invitation emailed to this person, read for Welsh; its link."""
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    assert message.subject.startswith("Rydych chi wedi cael gwahoddiad i ymuno â"), message.subject
    assert "I ymuno, agorwch y ddolen hon cyn" in message.body, message.body
    assert not re.search(r"\b(invited|join|open this link|Hello)\b", str(message.body)), message.body
    return emailed_link(email)


def join(page: Page, email: str, name: str, *, short_password_first: bool = False) -> None:
    """Open the emailed link, make an account and join (after a password too short, if asked)."""
    page.goto(welsh_email(email))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Join")
    assert_accessible(page)
    switch_to_welsh(page)  # a new device: they choose Cymraeg on the invitation's page
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ymuno â")
    welsh_page(page)
    page.get_by_label("Eich enw").fill(name)
    if short_password_first:  # Django's own password rules speak Welsh too
        page.get_by_label("Dewiswch gyfrinair").fill("byr")
        page.get_by_role("button", name="Creu cyfrif ac ymuno").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Mae’r cyfrinair hwn yn rhy fyr")
        welsh_page(page)
    page.get_by_label("Dewiswch gyfrinair").fill(PASSWORD)
    page.get_by_role("button", name="Creu cyfrif ac ymuno").click()


@pytest.mark.browser
def test_an_installation_starts_in_welsh_on_a_phone(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    # The operator chooses Cymraeg on the first page and makes the first platform admin.
    operator = open_phone(open_page)
    operator.goto(f"{base_url}/set-up/", timeout=60_000)  # the server's first page can be slow on a busy machine
    heading(operator)("Set up OpenPIE")
    assert_accessible(operator)
    switch_to_welsh(operator)
    heading(operator)("Gosod OpenPIE")
    welsh_page(operator)
    operator.get_by_label("Cod gosod").fill("wrong-code")
    operator.get_by_label("Eich enw").fill("Pat Operator")
    operator.get_by_label("Cyfeiriad e-bost").fill(OPERATOR)
    operator.get_by_label("Dewiswch gyfrinair").fill(PASSWORD)
    operator.get_by_role("button", name="Gwneud gweinyddwr y platfform").click()
    expect(operator.locator(".govuk-error-summary")).to_contain_text("Nid yw’r cod gosod yn gywir")
    welsh_page(operator)
    operator.get_by_label("Cod gosod").fill(SETUP_CODE)
    operator.get_by_label("Dewiswch gyfrinair").fill(PASSWORD)
    operator.get_by_role("button", name="Gwneud gweinyddwr y platfform").click()
    set_up_two_step(operator)
    heading(operator)("Sefydliadau")
    welsh_page(operator)

    # An organisation started through the pages; its first admin invited by email.
    operator.get_by_role("link", name="Dechrau sefydliad").click()
    heading(operator)("Dechrau sefydliad")
    welsh_page(operator)
    operator.get_by_label("Enw’r sefydliad").fill(ORGANISATION)
    operator.get_by_label("Darparwr gwasanaeth", exact=True).check()
    operator.get_by_label("Cyfeiriad e-bost gweinyddwr cyntaf y sefydliad").fill(ADMIN)
    operator.get_by_role("button", name="Dechrau’r sefydliad").click()
    heading(operator)(ORGANISATION)
    expect(operator.get_by_role("main")).to_contain_text(f"Rydym wedi anfon e-bost at {ADMIN}")
    welsh_page(operator)

    # The first admin joins on their own phone, and sets up two-step sign-in.
    admin = open_phone(open_page)
    join(admin, ADMIN, "Alys Jones")
    set_up_two_step(admin)
    heading(admin)(ORGANISATION)
    welsh_page(admin)
    admin.get_by_role("link", name="Gosod eich sefydliad").click()
    heading(admin)("Gosod eich sefydliad")
    expect(admin.locator("#task-levels-status")).to_have_text("Heb ei gwblhau")
    welsh_page(admin)

    # The admin invites a staff member, whose invitation is in Welsh too.
    admin.get_by_role("link", name="Gwahodd rhywun").first.click()
    heading(admin)("Gwahodd rhywun")
    welsh_page(admin)
    invite_url = admin.url
    admin.get_by_label("Cyfeiriad e-bost").fill(STAFF)
    admin.get_by_label("Aelod o staff", exact=True).check()
    admin.get_by_role("button", name="Anfon gwahoddiad").click()
    expect(admin.get_by_role("main")).to_contain_text(f"Mae gwahoddiad wedi’i anfon drwy e-bost at {STAFF}")
    welsh_page(admin)

    staff = open_phone(open_page)
    join(staff, STAFF, "Sam Rees", short_password_first=True)
    heading(staff)(ORGANISATION)
    expect(staff.get_by_role("main")).to_contain_text("Croeso i OpenPIE")
    welsh_page(staff)
    menu(staff, "Hafan")
    heading(staff)("Helo, Sam")
    welsh_page(staff)

    # Their account page shows the language they read in, and keeps their choice.
    menu(staff, "Eich cyfrif")
    heading(staff)("Eich cyfrif")
    welsh_page(staff)
    staff.get_by_label("Cymraeg").check()
    staff.get_by_role("button", name="Cadw", exact=True).click()
    expect(staff.get_by_role("main")).to_contain_text("Mae eich manylion wedi’u cadw.")
    expect(staff.get_by_label("Cymraeg")).to_be_checked()
    welsh_page(staff)

    # The error pages: a page that is not there, and one a staff member may not open.
    missing = staff.goto(f"{base_url}/dim-tudalen-yma/")
    assert missing is not None
    assert missing.status == 404
    heading(staff)("Heb ddod o hyd i’r dudalen")
    welsh_page(staff)
    refused = staff.goto(invite_url)
    assert refused is not None
    assert refused.status == 403
    heading(staff)("Ni allwch wneud hyn yma")
    welsh_page(staff)
