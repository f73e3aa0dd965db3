"""The compact overlay from an empty installation, through pages alone: the organisation's admin adds a team
and invites its PIE lead and five staff members (the inside threshold), the lead opens a short round and
invites the team to place their own beads, each member places theirs, the lead opens the overlay and reads
each thread's strip (its screen-reader name says the group's beads and median), then, as scribe, places the
agreed position on the line by keyboard; it is the team's bead in stage 1 and in the report. Axe on every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.browser.journeys import (
    accept_invitation,
    first_platform_admin,
    go_to_stage,
    heading,
    import_csv,
    invite_team_to_place_beads,
    place_own_beads,
    start_organisation,
    start_round_at,
)

ADMIN, LEAD = "alex@harbour.example", "lee@harbour.example"
STAFF = [f"staff{n}@harbour.example" for n in range(1, 6)]
UNITS = "parent,name\n,Harbour House\n"
PEOPLE = "email,unit,role\n" + f"{LEAD},,PIE lead\n" + "".join(f"{e},Harbour House,Staff member\n" for e in STAFF)
THREADS = {
    "psychological-awareness": "Psychological awareness",
    "staff-training-and-support": "Staff training and support",
    "learning-and-enquiry": "Learning and enquiry",
    "spaces-of-opportunity": "Spaces of opportunity",
    "the-three-rs": "The Three Rs",
}
AGREED = "Basic, position 3 of 5"


@pytest.mark.browser
def test_a_team_places_its_beads_and_agrees_on_the_overlay_from_an_empty_installation(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    operator = open_page()
    first_platform_admin(operator, base_url, "operator@platform.example")
    start_organisation(operator, "Harbour Trust", "Service provider", ADMIN)

    admin = open_page()
    accept_invitation(admin, ADMIN, "Alex Harbour")
    heading(admin)("Harbour Trust")
    admin.get_by_role("link", name="Set up your organisation").click()
    assert_accessible(admin)
    import_csv(admin, "Add units from a CSV file", UNITS, "Check the units before adding them", "Add these units")
    import_csv(
        admin,
        "Invite people from a CSV file",
        PEOPLE,
        "Check the invitations before sending them",
        "Send these invitations",
    )
    expect(admin.get_by_role("main")).to_contain_text("6 invitations have been emailed")

    lead = open_page()
    accept_invitation(lead, LEAD, "Lee Lead")
    start_round_at(lead, "Harbour House", "Spring, everyone's view")
    invite_team_to_place_beads(lead)
    round_url = lead.url

    # Five staff members, each their own view: Basic 1 to Basic 5 on every thread (median Basic 3).
    for n, email in enumerate(STAFF, start=1):
        member = open_page()
        accept_invitation(member, email, f"Staff Member {n}")
        place_own_beads(member, round_url, dict.fromkeys(THREADS, f"Basic, position {n} of 5"))
        member.close()

    lead.reload()
    lead.get_by_role("link", name="The overlay: everyone's beads together").click()
    heading(lead)("Overlay: everyone's beads")
    assert_accessible(lead)
    expect(lead.locator(".openpie-overlay-board__row")).to_have_count(len(THREADS))
    for key, name in THREADS.items():
        strip = lead.locator(f"#overlay-{key}").get_by_role("img", name=re.compile(rf"^{re.escape(name)}\."))
        expect(strip).to_have_accessible_name(
            f"{name}. Staff members: 5 beads, median {AGREED}, range Basic 1 to Basic 5; "
            "Service users: not shown: fewer than 5 people; the team's agreed bead: not placed yet."
        )

    # The scribe (the lead here) places the agreed position on the line, by keyboard; it saves once it rests.
    # The line's places sit under the strip's, place for place.
    row = lead.locator("#overlay-psychological-awareness")
    centre = "(els) => els.map((el) => { const box = el.getBoundingClientRect(); return box.left + box.width / 2; })"
    places = row.locator("svg.openpie-strip circle[r='2']").evaluate_all(centre)
    radios = row.locator(".openpie-track__label").evaluate_all(centre)
    assert len(places) == len(radios) == 20
    assert all(abs(a - b) <= 1 for a, b in zip(places, radios, strict=True)), (places, radios)
    row.get_by_role("radio", name="Basic, position 2 of 5", exact=True).focus()
    lead.keyboard.press("Space")
    lead.keyboard.press("ArrowRight")
    expect(row.locator("[data-bead-status]")).to_have_text(f"Saved: {AGREED}")
    assert_accessible(lead)
    lead.reload()
    row = lead.locator("#overlay-psychological-awareness")
    expect(row).to_contain_text(f"Agreed at {AGREED}, from staff median")
    expect(row.get_by_role("img", name=re.compile(r"^Psychological awareness\."))).to_have_accessible_name(
        re.compile(f"the team's agreed bead: {AGREED}")
    )
    assert_accessible(lead)

    # In forced colours (Windows High Contrast) the agreed position keeps a system colour of its own.
    lead.emulate_media(forced_colors="active")
    assert lead.evaluate("() => matchMedia('(forced-colors: active)').matches")
    chosen = row.locator(".openpie-track__input:checked + .openpie-track__label")
    other = row.locator(".openpie-track__input:not(:checked) + .openpie-track__label").first
    colour = "(el) => getComputedStyle(el).backgroundColor"
    assert chosen.evaluate(colour) not in ("rgba(0, 0, 0, 0)", "transparent", other.evaluate(colour))
    assert_accessible(lead)
    lead.emulate_media(forced_colors="none")

    go_to_stage(lead, "1. Where are we now?")
    team = lead.locator("#thread-psychological-awareness")
    expect(team.get_by_role("radio", name=AGREED, exact=True).first).to_be_checked()
    go_to_stage(lead, "Report")
    expect(lead.get_by_role("main")).to_contain_text(AGREED)
