"""Taking part in Welsh, from an empty installation, through pages alone.

A PIE lead opens a round and makes two take-part links: one that opens in each person's own language
and one the lead sets to open in Welsh, whose poster is printed in Welsh (read back with pdftotext).
A service user on a 360-px phone opens the first link, chooses Cymraeg on the first page and goes
through the whole flow in Welsh — anonymously, letting staff read their comments — gets their code,
and later (after the take-part session has ended) stops staff reading their comments, still in Welsh.
Someone else opens the Welsh link and gets Welsh without choosing; choosing English there wins.
Every page: axe (with ``lang="cy"``), no sideways scrolling, and no English left on a Welsh page.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, assert_accessible, assert_fits_width
from tests.browser.journeys import (
    accept_invitation,
    first_platform_admin,
    heading,
    import_csv,
    make_participation_link,
    start_organisation,
    start_round_at,
)
from tests.browser.welsh import assert_in_welsh

ADMIN, LEAD = "alex@harbour.example", "lee@harbour.example"
UNIT = "Harbour House"
UNITS = f"parent,name\n,{UNIT}\n"
PEOPLE = f"email,unit,role\n{LEAD},,PIE lead\n"
COMMENT = "Mwy o amser i siarad"


def in_welsh(page: Page) -> None:
    """The checks for every Welsh page on the phone."""
    assert_in_welsh(page, allow=[UNIT, COMMENT])
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)


def poster_text(page: Page, label: str, tmp_path: Path) -> str:
    """Download a link's poster from the lead's links page and read its words."""
    card = page.locator(".openpie-link-card").filter(has_text=label)
    with page.expect_download() as download:
        card.get_by_role("link", name=re.compile("^Download the poster")).click()
    pdf = tmp_path / "poster.pdf"
    download.value.save_as(pdf)
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def lead_makes_links(open_page: Callable[..., Page], base_url: str, tmp_path: Path) -> tuple[str, str, str]:
    """From nothing to an open round with two take-part links; returns both addresses and the Welsh poster's text."""
    operator = open_page()
    first_platform_admin(operator, base_url, "operator@platform.example")
    start_organisation(operator, "Harbour Trust", "Service provider", ADMIN)
    admin = open_page()
    accept_invitation(admin, ADMIN, "Alex Harbour")
    admin.get_by_role("link", name="Set up your organisation").click()
    assert_accessible(admin)
    import_csv(admin, "Add units from a CSV file", UNITS, "Check the units before adding them", "Add these units")
    import_csv(admin, "Invite people from a CSV file", PEOPLE, "Check the invitations before sending them",
               "Send these invitations")  # fmt: skip

    lead = open_page()
    accept_invitation(lead, LEAD, "Lee Lead")
    start_round_at(lead, UNIT, "Spring with residents")
    everyone = make_participation_link(lead, "Poster in the lounge")

    lead.get_by_label("Where will you use it?").fill("Poster in Welsh")
    lead.get_by_label("Cymraeg", exact=True).check()
    lead.get_by_role("button", name="Make a link").click()
    card = lead.locator(".openpie-link-card").filter(has_text="Poster in Welsh")
    expect(card).to_contain_text("Cymraeg")
    expect(lead.locator(".openpie-link-card").filter(has_text="Poster in the lounge")).to_contain_text(
        "Each person’s own (their phone or browser)"
    )
    assert_accessible(lead)
    welsh = card.locator("dd.openpie-break").inner_text().strip()
    return everyone, welsh, poster_text(lead, "Poster in Welsh", tmp_path)


def goes_through_in_welsh(page: Page) -> str:
    """From the Welsh landing page to the code: agree anonymously, answer every question, send."""
    page.get_by_role("button", name="Dechrau").click()
    heading(page)("Cyn i chi ddechrau")
    in_welsh(page)
    page.get_by_label("Ie, caiff staff ddarllen fy sylwadau").check()
    page.get_by_label("Rwy’n deall ac rwyf eisiau cymryd rhan").check()
    page.get_by_role("button", name="Rwy’n cytuno, dechrau").click()
    caption = page.locator(".govuk-caption-l")
    expect(caption).to_have_text(re.compile(r"^Cwestiwn 1 o \d+$"))
    total = int(caption.inner_text().rsplit(" ", 1)[-1])
    for number in range(1, total + 1):
        expect(caption).to_have_text(f"Cwestiwn {number} o {total}")
        expect(page.get_by_text("Dewiswch yr wyneb sy’n gweddu orau.")).to_be_visible()
        in_welsh(page)
        page.locator(".openpie-face__input").nth(2).check()  # the third face: a small smile
        if number == 1:
            page.locator("#id_comment").fill(COMMENT)
        page.get_by_role("button", name="Nesaf").click()
    heading(page)("Gwiriwch eich atebion")
    expect(page.locator("#answers")).to_contain_text(COMMENT)
    expect(page.locator("#answers").get_by_role("link", name="Newid ateb 1")).to_be_visible()
    in_welsh(page)
    page.get_by_role("button", name="Anfon fy atebion").click()
    heading(page)("Diolch")
    expect(page.get_by_text("Mae eich atebion wedi’u hanfon")).to_be_visible()
    in_welsh(page)
    return page.locator("#withdrawal-code").inner_text().strip()


def stops_sharing_in_welsh(page: Page, code: str) -> None:
    page.get_by_role("link", name="Rwyf wedi cymryd rhan yn barod ac rwyf eisiau tynnu fy atebion allan").click()
    heading(page)("Tynnu eich atebion allan")
    in_welsh(page)
    page.get_by_label("Eich cod").fill(code)
    page.get_by_label("Cadw fy atebion, ond atal staff rhag darllen fy sylwadau").check()
    page.get_by_role("button", name="Parhau").click()
    heading(page)("Ydych chi’n siŵr?")
    in_welsh(page)
    page.get_by_role("button", name="Ydw, stopio rhannu fy sylwadau").click()
    heading(page)("Wedi gorffen")
    expect(page.get_by_text("All staff ddim darllen eich sylwadau mwyach")).to_be_visible()
    in_welsh(page)


@pytest.mark.browser
def test_a_service_user_takes_part_in_welsh_on_a_phone_from_an_empty_installation(
    open_page: Callable[..., Page], base_url: str, empty_installation: None, tmp_path: Path
) -> None:
    everyone, welsh_link, poster = lead_makes_links(open_page, base_url, tmp_path)

    # The poster of the Welsh link is in Welsh, with its code and where to type it.
    assert "Dweud eich dweud am Harbour House" in poster, poster
    assert "Sganiwch y cod gyda chamera eich ffôn" in poster, poster
    assert "Dim camera? Ewch i" in poster, poster
    assert re.search(r"Ar agor tan \d+ \w+ \d{4}", poster), poster  # the date in Welsh (Ionawr, Chwefror …)
    assert "Mae’n ddienw. Nid oes angen i chi roi eich enw." in poster, poster
    for english in ("Have your say", "Scan the code", "anonymous", "Open until"):
        assert english not in poster, poster

    # A service user opens the link (their phone asks for English) and chooses Cymraeg on the first page.
    page = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page.goto(everyone)
    heading(page)(f"Have your say about {UNIT}")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)
    choice = page.get_by_role("group", name="Choose your language · Dewiswch eich iaith")
    expect(choice.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    choice.get_by_role("button", name="Cymraeg").click()
    heading(page)(f"Dweud eich dweud am {UNIT}")
    expect(choice.get_by_role("button", name="Cymraeg")).to_have_attribute("aria-pressed", "true")
    in_welsh(page)

    code = goes_through_in_welsh(page)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code), code

    # The take-part session ends (the browser forgets it); the device still remembers Welsh.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.reload()
    heading(page)(f"Dweud eich dweud am {UNIT}")  # no answers in this session: back to the link's start
    in_welsh(page)
    stops_sharing_in_welsh(page, code)

    # A mistyped link gets the kind page, in Welsh too.
    page.goto(everyone.rstrip("/") + "x/")
    heading(page)("Wnaeth y ddolen hon ddim gweithio")
    in_welsh(page)

    # Someone else opens the link the lead set to Welsh: Welsh without choosing; English, once chosen, wins.
    other = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    other.goto(welsh_link)
    heading(other)(f"Dweud eich dweud am {UNIT}")
    in_welsh(other)
    other.get_by_role("group", name="Choose your language · Dewiswch eich iaith").get_by_role(
        "button", name="English"
    ).click()
    heading(other)(f"Have your say about {UNIT}")
    other.get_by_role("button", name="Start").click()
    heading(other)("Before you start")
    expect(other.locator("html")).to_have_attribute("lang", "en-gb")
    assert_accessible(other)
