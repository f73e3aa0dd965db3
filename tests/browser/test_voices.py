"""Every voice, in easy words: from an empty installation to a service user answering by a typed code.

The platform admin starts an organisation, its admin joins, adds a team, starts and opens a round
and makes a link, all through pages. Then service users on a 360-px phone type the poster's code
at /go/ and answer on the simple scale (faces, pictures, Listen): once with JavaScript, once
with none of the site's scripts and by keyboard only in emulated forced colours. axe on every page; each page's
weight (HTML, CSS, JS and images actually requested, compressed as whitenoise would send them)
stays under 50 KiB.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, Response, expect

from openpie.participation.models import ParticipationLink
from openpie.participation.readability import is_one_question, long_sentences, sentences
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_width, screenshot
from tests.browser.journeys import (
    accept_invitation,
    first_platform_admin,
    heading,
    import_csv,
    make_participation_code,
    start_organisation,
    start_round_at,
)
from tests.figures import figure_line

OPERATOR = "operator@platform.example"
ADMIN = "alex@harbour.example"
UNITS = "parent,name\n,Harbour House\n"
BUDGET = 50 * 1024
COMPRESSED = ("text/", "application/javascript", "image/svg+xml", "application/json")


class Weigher:
    """The bytes each page costs: its document and every file it requested, gzipped where whitenoise
    would send them compressed (text, scripts, SVG); the browser's own cache is off."""

    def __init__(self, page: Page) -> None:
        self.sizes: dict[str, int] = {}
        page.on("response", self._on)

    def _on(self, response: Response) -> None:
        if response.status >= 300 or not response.url.startswith("http://127.0.0.1"):
            return
        body = response.body()
        kind = response.headers.get("content-type", "")
        self.sizes[response.url] = len(gzip.compress(body, 9)) if kind.startswith(COMPRESSED) else len(body)

    def page_total(self) -> int:
        total = sum(self.sizes.values())
        self.sizes.clear()
        return total


def _text_checks(page: Page) -> None:
    """Readability of what the page says (main content): short sentences, one question at a time."""
    text = page.locator("main").inner_text()
    assert long_sentences(text) == [], page.url
    for sentence in sentences(text):
        if "?" in sentence:
            assert is_one_question(sentence) or sentence.count("?") == 1, sentence


def use(page: Page, target: Locator, keyboard: bool, key: str = "Enter") -> None:
    """Click, or (keyboard only) give it focus and press Enter or Space."""
    if keyboard:
        target.focus()
        page.keyboard.press(key)
    else:
        target.click()


def _service_user_walk(
    page: Page, base_url: str, code: str, weigh: Weigher, *, keyboard: bool, shots: str
) -> dict[str, int]:
    weights: dict[str, int] = {}

    def check(name: str) -> None:
        assert_fits_width(page, PHONE["width"])
        assert_accessible(page)
        _text_checks(page)
        for img in page.locator("main img").all():  # every picture loaded, each with its words
            assert img.evaluate("(el) => el.complete && el.naturalWidth > 0")
            assert img.get_attribute("alt") is not None
        if shots:
            screenshot(page, f"{shots}-{name}")
        weights[name] = weigh.page_total()

    page.goto(f"{base_url}/go/")
    heading(page)("Have your say")
    check("go")
    if keyboard:
        page.keyboard.press("Tab")
        while page.evaluate("document.activeElement.name") != "code":
            page.keyboard.press("Tab")
        page.keyboard.type(code.lower())
        page.keyboard.press("Enter")
    else:
        page.get_by_label("Type the code from the poster").fill(code.lower().replace("-", " "))
        page.get_by_role("button", name="Go").click()
    heading(page)("Have your say about Harbour House")
    if not keyboard:
        expect(page.get_by_role("button", name="Listen")).to_be_visible()
    else:
        expect(page.get_by_role("button", name="Listen")).to_have_count(0)
    check("landing")
    use(page, page.get_by_role("button", name="Start"), keyboard)
    heading(page)("Before you start")
    check("consent")
    use(page, page.get_by_label("I understand and I want to take part"), keyboard, key="Space")
    use(page, page.get_by_role("button", name="I agree, start"), keyboard)

    caption = page.get_by_text(re.compile(r"^Question 1 of \d+"))
    expect(caption).to_be_visible()
    total = int(caption.inner_text().split(" of ")[1].split()[0])
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Question {number} of {total}")).to_be_visible()
        expect(page.locator(".openpie-face")).to_have_count(4)
        check(f"question-{number}")
        if keyboard:
            page.locator("#bead-none").focus()
            page.keyboard.press("ArrowUp")  # from "I would rather not say" round to the last face
            page.keyboard.press("ArrowUp")  # and one back: "Getting better"
            expect(page.locator("#face-3")).to_be_checked()
            page.keyboard.press("Tab")
            page.keyboard.type("A quiet room")
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
        else:
            page.get_by_label("Getting better").check()
            page.get_by_role("button", name="Next").click()
    heading(page)("Check your answers")
    expect(page.locator("#answers")).to_contain_text("Getting better")
    check("check")
    use(page, page.get_by_role("button", name="Send my answers"), keyboard)
    heading(page)("Thank you")
    check("done")
    assert max(weights.values()) <= BUDGET, weights
    return weights


@pytest.mark.browser
def test_a_service_user_answers_by_typed_code_from_an_empty_installation(
    open_page: Callable[..., Page], base_url: str, empty_installation: None, request: pytest.FixtureRequest
) -> None:
    page = open_page()
    page.goto(f"{base_url}/go/", timeout=60_000)  # the short address answers even before anything is set up
    heading(page)("Have your say")
    assert_accessible(page)
    first_platform_admin(page, base_url, OPERATOR)
    start_organisation(page, "Harbour Trust", "Service provider", ADMIN)

    admin = open_page()
    accept_invitation(admin, ADMIN, "Alex Harbour")
    heading(admin)("Harbour Trust")
    admin.get_by_role("link", name="Set up your organisation").click()
    assert_accessible(admin)
    import_csv(admin, "Add units from a CSV file", UNITS, "Check the units before adding them", "Add these units")
    start_round_at(admin, "Harbour House", "Spring with residents")
    code = make_participation_code(admin, "Poster in the lounge")
    assert len(code) == 9
    assert code[4] == "-"
    expect(admin.get_by_role("main")).to_contain_text("Nobody yet")

    # With JavaScript: Listen is offered (the browser can speak), pictures beside every question.
    phone = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    weights = _service_user_walk(phone, base_url, code, Weigher(phone), keyboard=False, shots="voices-phone")
    figure_line(
        request,
        "voices: bytes per service-user page (compressed, as requested): "
        + ", ".join(f"{name} {size}" for name, size in weights.items()),
    )

    # Without JavaScript, keyboard only, forced colours: the same walk; Listen is not offered.
    # No script of the site's runs (each is refused), so the pages must work as plain HTML; axe still
    # runs, as an init script (a context with JavaScript switched off would stop axe itself).
    plain = open_page(viewport=PHONE, forced_colors="active")
    plain.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())
    assert plain.evaluate("matchMedia('(forced-colors: active)').matches")
    plain_weights = _service_user_walk(plain, base_url, code, Weigher(plain), keyboard=True, shots="")
    figure_line(request, f"voices: heaviest page without JavaScript: {max(plain_weights.values())} bytes")

    admin.reload()
    expect(admin.get_by_role("main")).to_contain_text("Fewer than 5")
    assert_accessible(admin)
    assert ParticipationLink.objects.get().participations.count() == 2


@pytest.mark.browser
def test_listen_is_offered_only_where_the_browser_can_speak(
    open_page: Callable[..., Page], base_url: str, transactional_db: None
) -> None:
    page = open_page(viewport=PHONE)
    page.goto(f"{base_url}/go/")
    listen = page.get_by_role("button", name="Listen")
    expect(listen).to_be_visible()
    assert_accessible(page)
    mute = open_page(viewport=PHONE)
    mute.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    mute.goto(f"{base_url}/go/")
    expect(mute.get_by_role("button", name="Larger text")).to_be_visible()
    expect(mute.get_by_role("button", name="Listen")).to_have_count(0)
    assert_accessible(mute)
