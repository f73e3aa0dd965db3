"""Page-driving steps for journeys that start from an empty installation (migrations and the framework
only) and go through pages alone, as the people in the product brief would: no demo, no factories, no
shell. Each step checks every page it loads with axe. Use the ``empty_installation`` fixture
(tests/browser/conftest.py) and these steps; add a step here when a journey needs one more.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import SETUP_CODE, assert_accessible, second_step

PASSWORD = "a long and unusual passphrase"


def heading(page: Page) -> Callable[[str], None]:
    """``heading(page)("Title")`` waits until the page's one h1 reads exactly that."""
    return lambda text: expect(page.get_by_role("heading", level=1)).to_have_text(text)


def emailed_link(email: str, path: str = "/invitations/") -> str:
    """The newest link under ``path`` emailed to this person (read from the test mail outbox)."""
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    match = re.search(rf"https?://\S+{re.escape(path)}\S+/", str(message.body))
    assert match, message.body
    return match.group(0)


def first_platform_admin(page: Page, base_url: str, email: str, name: str = "Pat Operator") -> None:
    """The operator makes the first platform admin at /set-up/ with the set-up code from the server's
    environment, then sets up two-step sign-in; lands on the platform's organisations."""
    page.goto(f"{base_url}/set-up/")
    heading(page)("Set up OpenPIE")
    assert_accessible(page)
    page.get_by_label("Set-up code").fill(SETUP_CODE)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Make the platform admin").click()
    second_step(page, email)
    heading(page)("Organisations")
    assert_accessible(page)


def start_organisation(page: Page, name: str, kind: str, email: str) -> None:
    """From the platform's organisations: start one of this kind and invite its first admin by email."""
    page.get_by_role("link", name="Start an organisation").click()
    heading(page)("Start an organisation")
    assert_accessible(page)
    page.get_by_label("Organisation name").fill(name)
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("First organisation admin's email address").fill(email)
    page.get_by_role("button", name="Start the organisation").click()
    heading(page)(name)
    expect(page.get_by_role("main")).to_contain_text(f"We have emailed {email}")
    assert_accessible(page)
    page.locator(".govuk-back-link").click()
    heading(page)("Organisations")
    expect(page.get_by_role("row", name=re.compile(name))).to_contain_text("Invited, not joined yet")
    assert_accessible(page)


def accept_invitation(page: Page, email: str, name: str) -> None:
    """Open the emailed invitation, make an account and join (with two-step set-up where the role needs it)."""
    page.goto(emailed_link(email))
    assert_accessible(page)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Create account and join").click()
    second_step(page, email)
    assert_accessible(page)


def task_status(page: Page, key: str) -> str:
    """The status of one task on an organisation's set-up task list."""
    return page.locator(f"#task-{key}-status").inner_text().strip()


def import_csv(page: Page, link: str, rows: str, check_heading: str, confirm: str) -> None:
    """From the set-up task list: paste CSV rows, check them, and confirm the import."""
    page.get_by_role("link", name=link).click()
    assert_accessible(page)
    page.get_by_label("Or paste the rows").fill(rows)
    page.get_by_role("button", name="Check the rows").click()
    heading(page)(check_heading)
    assert_accessible(page)
    page.get_by_role("button", name=confirm).click()
    assert_accessible(page)


def start_round(page: Page, unit_name: str, title: str) -> None:
    """From any signed-in page: find the unit under Organisations, start a short-form round there, open it."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Organisations").click()
    heading(page)("Organisations")
    assert_accessible(page)
    page.get_by_role("link", name=unit_name, exact=True).first.click()
    heading(page)(unit_name)
    assert_accessible(page)
    page.get_by_role("link", name="Start a round").first.click()
    heading(page)("Start a round")
    assert_accessible(page)
    page.get_by_label("Short form: one bead for each theme").check()
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Start the round").click()
    expect(page.locator(".openpie-state").first).to_have_text("Draft")
    assert_accessible(page)
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator(".openpie-state").first).to_have_text("Open")
    assert_accessible(page)


def make_participation_link(page: Page, label: str) -> str:
    """From a round's page: make a service users' link; returns its short code as shown (XXXX-XXXX)."""
    page.get_by_role("link", name=re.compile("Service users.? answers: links")).first.click()
    heading(page)("Service users’ answers")
    assert_accessible(page)
    page.get_by_label("Where will you use it?").fill(label)
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_role("main")).to_contain_text("Link made")
    assert_accessible(page)
    return page.locator(".openpie-short-code").first.inner_text().strip()
