"""Page-driving steps for journeys that start from an empty installation (migrations and the framework
only) and go through pages alone, as the people in the product brief would: no demo, no factories, no
shell. Each step checks every page it loads with axe. Use the ``empty_installation`` fixture
(tests/browser/conftest.py) and these steps; add a step here when a journey needs one more.
"""

from __future__ import annotations

import datetime
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


def open_unit(page: Page, base_url: str, *names: str) -> None:
    """From the home page, down the structure by the units' names (the first is one of the person's own)."""
    page.goto(f"{base_url}/")
    assert_accessible(page)
    for name in names:
        page.get_by_role("link", name=name, exact=True).first.click()
        heading(page)(name)
        assert_accessible(page)


def start_round(page: Page) -> None:
    """From a unit's page: start a short-form round and open it; lands on the round's page."""
    page.get_by_role("link", name="Start a round").first.click()
    assert_accessible(page)
    page.get_by_label("Short form: one bead for each theme").check()
    page.get_by_role("button", name="Start the round").click()
    expect(page.locator(".openpie-state").first).to_have_text("Draft")
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator(".openpie-state").first).to_have_text("Open")
    assert_accessible(page)


def flag_barrier(page: Page, thread: str, text: str, kind: str) -> None:
    """On a round's pages: go to "What helps, what hinders?" and flag a barrier on the thread to managers."""
    page.get_by_role("navigation", name="Stages of this round").get_by_role("link", name="What helps").click()
    assert_accessible(page)
    region = page.get_by_role("region", name=thread, exact=True)
    region.get_by_label("Hinders", exact=True).check()
    region.get_by_label("Outside our control", exact=True).check()
    region.get_by_label("What helps or hinders?").fill(text)
    region.get_by_label("What kind of barrier is it?").select_option(label=kind)
    region.get_by_label("Tell our managers").check()
    region.get_by_role("button", name="Add").click()
    expect(page.get_by_role("region", name=thread, exact=True)).to_contain_text(text)
    assert_accessible(page)


def ask_for_sharing(page: Page, organisation: str, scope: str) -> None:
    """From a receiving organisation's set-up task list: ask an organisation to share (``scope`` as worded)."""
    page.get_by_role("link", name="Ask for sharing").click()
    heading(page)("Ask another organisation to share")
    assert_accessible(page)
    page.get_by_label("Which organisation do you want to see?").select_option(label=organisation)
    page.get_by_label(scope, exact=True).check()
    page.get_by_role("button", name="Send the request").click()
    assert_accessible(page)


def agree_to_share(page: Page, email: str, grantee: str) -> None:
    """The granter's admin opens the emailed link to the sharing page, and agrees to the request."""
    page.goto(emailed_link(email, "/organisations/"))
    assert_accessible(page)
    page.get_by_role("link", name=f"Decide on {grantee}'s request").click()
    assert_accessible(page)
    page.get_by_label("Yes, share it").check()
    page.get_by_role("button", name="Save the decision").click()
    assert_accessible(page)


def fill_date(page: Page, group: str, day: datetime.date) -> None:
    """A GOV.UK date input (day, month, year) found by its legend."""
    fields = page.get_by_role("group", name=group)
    fields.get_by_label("Day").fill(str(day.day))
    fields.get_by_label("Month").fill(str(day.month))
    fields.get_by_label("Year").fill(str(day.year))
