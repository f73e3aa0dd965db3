"""Page-driving steps for journeys that start from an empty installation (migrations and the framework
only) and go through pages alone, as the people in the product brief would: no demo, no factories, no
shell. Each step checks every page it loads with axe. Use the ``empty_installation`` fixture
(tests/browser/conftest.py) and these steps; add a step here when a journey needs one more.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

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


def go_home(page: Page) -> None:
    """Follow the service navigation's Home link (the person's teams, what needs their attention)."""
    page.get_by_role("link", name="Home", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert_accessible(page)


def open_unit(page: Page, name: str) -> None:
    """From the home page: open one of the person's own teams or services (its card's link)."""
    page.get_by_role("link", name=name, exact=True).first.click()
    heading(page)(name)
    assert_accessible(page)


def open_below(page: Page, name: str) -> None:
    """From a unit's page: open a unit below it (under "Below ...")."""
    page.get_by_role("listitem").filter(has_text=name).get_by_role("link", name=name, exact=True).click()
    heading(page)(name)
    assert_accessible(page)


def change_theme_wording(page: Page, theme: str, new_name: str) -> None:
    """From the organisation's top unit page: put a theme's name in the organisation's own words."""
    page.get_by_role("link", name="Framework wording").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"Change the wording of {theme}").click()
    heading(page)(f"Change the wording of {theme}")
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Name")).fill(new_name)
    page.get_by_role("button", name="Save wording").click()
    expect(page.get_by_role("heading", level=2, name=re.compile(re.escape(new_name)))).to_be_visible()
    assert_accessible(page)


def choose_elements(page: Page, keep: list[str]) -> None:
    """From a unit's page: keep only these elements in use at the unit ("Choose elements")."""
    page.get_by_role("link", name="Choose elements").click()
    assert_accessible(page)
    boxes = page.get_by_role("group", name="Elements this unit uses").get_by_role("checkbox")
    for n in range(boxes.count()):
        box = boxes.nth(n)
        label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text().strip()
        box.set_checked(label.split(": ", 1)[-1] in keep)  # each label is "Theme: Element"
    page.get_by_role("button", name="Save choices").click()
    expect(page.get_by_role("main")).to_contain_text(f"now uses {len(keep)} elements")
    assert_accessible(page)


def start_drill_down_round(page: Page, themes: list[str], title: str) -> None:
    """From a unit's page: start a drill-down round opening these themes, then open it."""
    start_and_open_round(page, "Drill-down: open chosen themes into their elements", themes=themes, title=title)


def go_to_stage(page: Page, name: str) -> None:
    """Within a round: follow the stage navigation to one stage (or the overview)."""
    page.get_by_role("navigation", name="Stages of this round").get_by_role("link", name=name).click()
    assert_accessible(page)


def make_participation_link(page: Page, label: str) -> str:
    """From a round's page: make a participation link for service users and return its address."""
    page.get_by_role("link", name="Service users' answers: links, QR codes and posters").click()
    heading(page)("Service users’ answers")
    assert_accessible(page)
    page.get_by_label("Where will you use it?").fill(label)
    page.get_by_role("button", name="Make a link").click()
    card = page.locator(".openpie-link-card").filter(has_text=label)
    expect(card).to_contain_text("Open")
    assert_accessible(page)
    return card.locator("dd.openpie-break").inner_text().strip()


def take_part(page: Page, url: str, answer: str, check: Callable[[Page], None] = assert_accessible) -> str:
    """A service user with no account opens the link, agrees, gives every question the same answer,
    sends the answers and gets the withdrawal code (returned). ``check`` runs on every page."""
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Have your say")
    check(page)
    page.get_by_role("button", name="Start").click()
    heading(page)("Before you start")
    check(page)
    page.get_by_label("Yes, staff can read my comments").check()
    page.get_by_label("I understand and I want to take part").check()
    page.get_by_role("button", name="I agree, start").click()
    while page.get_by_text(re.compile(r"^Question \d+ of \d+$")).count():
        check(page)
        page.get_by_label(answer, exact=True).check()
        page.get_by_role("button", name="Next").click()
    heading(page)("Check your answers")
    check(page)
    page.get_by_role("button", name="Send my answers").click()
    heading(page)("Thank you")
    check(page)
    return page.locator("#withdrawal-code").inner_text().strip()


def flag_barrier(page: Page, thread: str, text: str, kind: str, *, funder: str = "", shareable: bool = False) -> None:
    """On a round's factors stage: add a factor that hinders and is outside the team's control (a barrier),
    told to the managers, and to a funder if named; ``shareable`` lets those shared with read the words."""
    region = page.get_by_role("region", name=thread, exact=True)
    region.get_by_label("Hinders", exact=True).check()
    region.get_by_label("Outside our control", exact=True).check()
    region.get_by_label("What helps or hinders?").fill(text)
    region.get_by_label("What kind of barrier is it?").select_option(label=kind)
    region.get_by_label("Tell our managers").check()
    if funder:
        region.get_by_label("Funder or commissioner to tell").fill(funder)
    if shareable:
        region.get_by_label("Others we share barriers with may read these words").check()
    region.get_by_role("button", name="Add").click()
    expect(page.get_by_role("region", name=thread, exact=True)).to_contain_text(text)
    assert_accessible(page)


def ask_for_sharing(
    page: Page, organisation: str, scope: str, note: str = "", *, link: str = "Ask another organisation to share"
) -> None:
    """From the organisation's sharing page (or the set-up task list's ``link="Ask for sharing"``): ask another
    organisation to share (the whole of it)."""
    page.get_by_role("link", name=link).click()
    heading(page)("Ask another organisation to share")
    assert_accessible(page)
    page.get_by_label("Which organisation do you want to see?").select_option(label=organisation)
    page.get_by_label(scope, exact=True).check()
    if note:
        page.get_by_label("Why do you ask? (optional)").fill(note)
    page.get_by_role("button", name="Send the request").click()
    heading(page)("Sharing with other organisations")
    expect(page.get_by_role("table", name="What others share with you")).to_contain_text("Requested")
    assert_accessible(page)


def grant_sharing(page: Page, grantee: str) -> None:
    """From the organisation's sharing page: accept another organisation's request as asked."""
    page.get_by_role("link", name=f"Decide on {grantee}'s request").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{grantee} asks to see your")
    assert_accessible(page)
    page.get_by_label("Yes, share it").check()
    page.get_by_role("button", name="Save the decision").click()
    heading(page)("Sharing with other organisations")
    expect(page.get_by_role("table", name="What you share, or are asked to share")).to_contain_text("Accepted")
    assert_accessible(page)


def respond_to_barrier(page: Page, unit: str, status: str, words: str) -> None:
    """On a barriers register list: open a barrier raised by this unit and send a response."""
    page.get_by_role("link", name=f"Open the barrier from {unit}").click()
    assert_accessible(page)
    page.get_by_label(status).check()
    page.get_by_label("Your response to the service").fill(words)
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator("#responses + ol")).to_contain_text(words)
    assert_accessible(page)


def add_unit(page: Page, name: str, kind: str = "Team") -> None:
    """From a unit's page: add a team or service below it (of this kind); lands on the new unit's page."""
    page.get_by_role("link", name=re.compile("^Add a team or service")).click()
    heading(page)("Add a team or service")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label(kind, exact=True).check()
    page.get_by_role("button", name="Add").click()
    if page.get_by_role("heading", level=1).inner_text() != name:
        page.get_by_role("link", name=name, exact=True).first.click()
    heading(page)(name)
    assert_accessible(page)


def start_and_open_round(
    page: Page,
    form: str = "Short form: one bead for each theme",
    *,
    themes: Sequence[str] = (),
    title: str = "",
    held_on: str = "",
) -> None:
    """From a unit's page: start a round of this form (a drill-down opens ``themes``) and open it; lands on
    the round's overview."""
    page.get_by_role("link", name=re.compile("^Start a round")).first.click()
    heading(page)("Start a round")
    assert_accessible(page)
    page.get_by_label(form).check()
    for theme in themes:
        page.get_by_role("group", name="Drill-down: themes to open up").get_by_label(theme, exact=True).check()
    if title:
        page.get_by_label("Title").fill(title)
    if held_on:
        page.get_by_label("Date of the round").fill(held_on)
    page.get_by_role("button", name="Start the round").click()
    expect(page.locator(".openpie-state").first).to_have_text("Draft")
    assert_accessible(page)
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator(".openpie-state").first).to_have_text("Open")
    assert_accessible(page)


def open_down(page: Page, *names: str) -> None:
    """From a unit's page: down the tree by the link of each unit named, one level at a time."""
    for name in names:
        page.get_by_role("main").get_by_role("link", name=name, exact=True).first.click()
        heading(page)(name)
        assert_accessible(page)


def place_team_bead(page: Page, thread_key: str, label: str) -> None:
    """On "1. Where are we now?": the team's agreed position on one thread (it saves at once)."""
    section = page.locator(f"#thread-{thread_key}")
    section.get_by_role("radio", name=label, exact=True).first.check()
    expect(section.locator("[data-bead-status]")).to_contain_text("Saved")


def round_state(page: Page, button: str, state: str) -> None:
    """Move the round on by its button ("Open the round", "Send for review", "Close the round")."""
    page.get_by_role("button", name=button).click()
    expect(page.locator(".openpie-state").first).to_have_text(state)
    assert_accessible(page)


def open_from_home(page: Page, base_url: str, *names: str) -> None:
    """From the home page, down the structure by the units' names (the first is one of the person's own)."""
    page.goto(f"{base_url}/")
    assert_accessible(page)
    for name in names:
        page.get_by_role("link", name=name, exact=True).first.click()
        heading(page)(name)
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


def start_round_at(page: Page, unit_name: str, title: str) -> None:
    """From any signed-in page: find the unit under Organisations, start a short-form round there, open it."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Organisations").click()
    heading(page)("Organisations")
    assert_accessible(page)
    page.get_by_role("link", name=unit_name, exact=True).first.click()
    heading(page)(unit_name)
    assert_accessible(page)
    start_and_open_round(page, title=title)


def make_participation_code(page: Page, label: str) -> str:
    """From a round's page: make a service users' link; returns its short code as shown (XXXX-XXXX)."""
    page.get_by_role("link", name=re.compile("Service users.? answers: links")).first.click()
    heading(page)("Service users’ answers")
    assert_accessible(page)
    page.get_by_label("Where will you use it?").fill(label)
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_role("main")).to_contain_text("Link made")
    assert_accessible(page)
    return page.locator(".openpie-short-code").first.inner_text().strip()


def invite_team_to_place_beads(page: Page) -> None:
    """From a round's overview: the lead invites the team to place their own beads."""
    page.get_by_role("button", name="Invite the team to place their own beads").click()
    expect(page.get_by_role("button", name="Stop inviting the team to place their own beads")).to_be_visible()
    assert_accessible(page)


def place_own_beads(page: Page, round_url: str, labels: dict[str, str]) -> None:
    """A staff member opens the round (``round_url``, as the lead shared it), follows "Your own beads" and places
    a bead on each thread (key → position's name, "Basic, position 2 of 5"); each saves once it rests."""
    page.goto(round_url)
    assert_accessible(page)
    page.get_by_role("link", name="Your own beads", exact=True).first.click()
    heading(page)("Your own beads")
    assert_accessible(page)
    for key, label in labels.items():
        section = page.locator(f"#thread-{key}")
        section.get_by_role("radio", name=label, exact=True).first.check()
        expect(section.locator("[data-bead-status]")).to_contain_text(f"Saved: {label}")
    assert_accessible(page)
