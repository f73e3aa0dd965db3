"""Browser tests: Debian's headless Chromium, driven by Playwright, against pytest-django's live server.

Every page a test opens must be checked with axe (``assert_accessible``): a page that loaded
but was never checked fails the test at teardown, and so does any script error, Content
Security Policy violation or broken CSS, script or image on the way. The site's CSP stays
switched on: axe-core is added to each document as an init script (which CSP does not block),
so a test would notice if the site's own scripts broke the policy.

Never run ``playwright install``: the tests use ``/usr/bin/chromium``.
"""

from __future__ import annotations

import io
import os

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside one
# unless told it is safe (the live server and the test share the database connection, one at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The live server listens on loopback IPv4 only.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

import importlib.util
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, ViewportSize, expect

from openpie.accounts.tests.helpers import app_code, app_of, code_for_secret
from openpie.assessments import services as round_services
from openpie.assessments.models import Round
from openpie.demo.organisation import DEFAULT_PASSWORD, seed_demo
from openpie.frameworks.models import Framework
from openpie.frameworks.services import framework_import
from openpie.organisations.models import Organisation, Unit
from tests.figures import figure_add

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 360, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_PASSWORD = DEFAULT_PASSWORD
SCREENSHOTS_ENV = "OPENPIE_SCREENSHOTS"
# The operator's one-time code for the first platform admin (OPENPIE_SETUP_CODE) in empty installations.
SETUP_CODE = "journey-set-up-code"

expect.set_options(timeout=10_000)


def _axe_source() -> str:
    """axe-core as shipped inside the axe-playwright-python package (nothing is downloaded)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        raise RuntimeError("axe-playwright-python is not installed (requirements-dev.txt).")
    return (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")


AXE_SOURCE = _axe_source()

_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""})),
  }));
}"""

# ---------------------------------------------------------------------------------------------
# Watching pages: what loaded, what was checked, what went wrong in the browser.


@dataclass
class PageWatch:
    loads: list[str] = field(default_factory=list)
    checked: int = 0
    axe_runs: int = 0
    problems: list[str] = field(default_factory=list)
    # (status, part of the URL) of answers a test expects, e.g. an autosave of a half-filled form (400).
    expected: set[tuple[int, str]] = field(default_factory=set)

    def on_console(self, message: ConsoleMessage) -> None:
        # Failed requests are reported by on_response with their URL; everything else is a defect
        # (a script error, a CSP violation).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {message.text}")

    def on_response(self, response: Response) -> None:
        expected = any(status == response.status and part in response.url for status, part in self.expected)
        if response.status >= 400 and response.request.resource_type != "document" and not expected:
            self.problems.append(f"{response.status} for {response.request.resource_type} {response.url}")

    @property
    def unchecked(self) -> list[str]:
        """Pages that loaded after the last axe check."""
        return self.loads[self.checked :]

    def failures(self) -> list[str]:
        found = [f"loaded but never checked with assert_accessible: {url}" for url in self.unchecked]
        return found + [f"the browser reported: {problem}" for problem in self.problems]


_WATCHES: dict[int, PageWatch] = {}


def page_watch(page: Page) -> PageWatch:
    return _WATCHES[id(page)]


def watch_page(page: Page) -> PageWatch:
    watch = PageWatch()
    _WATCHES[id(page)] = watch
    page.on("load", lambda p: watch.loads.append(p.url))
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.problems.append(f"script error: {error}"))
    page.on("response", watch.on_response)
    return watch


def assert_accessible(page: Page) -> None:
    """Run axe (WCAG 2.0–2.2 A and AA rules) on the page as it is now; fail with each violation."""
    page.wait_for_load_state("load")
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, AXE_TAGS)
    watch = page_watch(page)
    watch.checked = len(watch.loads)
    watch.axe_runs += 1
    if violations:
        lines = [f"axe found {len(violations)} accessibility problem(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            for node in v["nodes"]:
                lines.append(f"    at {node['target']}")
                lines.extend(f"      {line}" for line in node["summary"].splitlines() if line.strip())
        pytest.fail("\n".join(lines), pytrace=False)


_TOO_WIDE = """(width) => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > width + 0.5)
  .slice(0, 8)
  .map((el) => {
    const name = typeof el.className === "string" ? el.className.trim().split(/\\s+/).join(".") : "";
    const where = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (name ? "." + name : "");
    return where + " (right edge " + Math.round(el.getBoundingClientRect().right) + "px)";
  })"""


def assert_fits_width(page: Page, width: int) -> None:
    """No sideways scrolling: the document is no wider than the viewport (measured once styles have loaded)."""
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > width:
        culprits = page.evaluate(_TOO_WIDE, width)
        pytest.fail(
            f"{page.url} scrolls sideways at {width}px: scrollWidth {scroll_width}. Too wide: {culprits}",
            pytrace=False,
        )


# The focus indicator of the focused element: its own outline or box-shadow, or, for GOV.UK
# radios and checkboxes (whose real input is invisible), the ring drawn by its label's ::before.
_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = (style) => {
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      && !/transparent|rgba\\([^)]*,\\s*0\\)/.test(style.outlineColor);
    return outline || (style.boxShadow !== "" && style.boxShadow !== "none");
  };
  let visible = shown(getComputedStyle(el));
  if (!visible && el.labels && el.labels.length && /^(radio|checkbox)$/.test(el.type)) {
    visible = shown(getComputedStyle(el.labels[0], "::before"));
  }
  const name = el.id || el.getAttribute("name") || (el.textContent || "").trim();
  return {tag: el.tagName.toLowerCase(), name, visible};
}"""


def press(page: Page, key: str = "Tab") -> dict[str, Any]:
    """Press a key and return what has focus now; fail if nothing has focus or the focus cannot be seen."""
    page.keyboard.press(key)
    focused: dict[str, Any] | None = page.evaluate(_FOCUS_STYLE)
    assert focused is not None, f"After {key} nothing has focus"
    assert focused["visible"], f"After {key} the focus on {focused['tag']} “{focused['name']}” cannot be seen"
    return focused


def tab_until(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until ``selector`` has focus, checking on the way that every focus can be seen."""
    target = page.locator(selector)
    for _ in range(limit):
        press(page)
        if target.evaluate("(el) => el === document.activeElement"):
            return
    pytest.fail(f"Tab did not reach {selector} in {limit} presses", pytrace=False)


def screenshot(page: Page, name: str) -> None:
    """Save a full-page PNG when OPENPIE_SCREENSHOTS names a folder (for the README)."""
    folder = os.environ.get(SCREENSHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def sign_in(
    page: Page, base_url: str, email: str, password: str = DEMO_PASSWORD, check: Callable[[Page], None] | None = None
) -> None:
    """Fill in and send the real sign-in form; land on the home page. Checks both pages."""
    check = check or assert_accessible
    page.goto(f"{base_url}/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenPIE")
    check(page)
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    second_step(page, email, check)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    check(page)


SECOND_STEP = "Enter the code from your authenticator app"
SET_UP = "Set up two-step sign-in"


def second_step(page: Page, email: str, check: Callable[[Page], None] | None = None) -> None:
    """After the password: enter the code an authenticator app would show (computed from the person's
    key), or, for a role that needs two-step sign-in and has no app yet, set one up on the page."""
    check = check or assert_accessible
    heading = page.get_by_role("heading", level=1)
    expect(heading).not_to_have_text("Sign in to OpenPIE")
    title = heading.inner_text()
    if title == SECOND_STEP:
        check(page)
        page.get_by_label("Code", exact=True).fill(app_code(app_of(email)))
        page.get_by_role("button", name="Continue").click()
    elif title == SET_UP:
        check(page)
        page.get_by_text("I cannot scan the QR code").click()
        page.get_by_label("Code from your app").fill(code_for_secret(page.locator("[data-secret]").inner_text()))
        page.get_by_role("button", name="Turn on two-step sign-in").click()
        expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
        check(page)
        page.get_by_role("button", name="I have saved my recovery codes").click()


# ---------------------------------------------------------------------------------------------
# Fixtures.


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


@pytest.fixture
def open_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    """A fresh browser context and page per call: ``open_page(viewport=PHONE, is_mobile=True)``."""
    contexts = []
    pages: list[Page] = []

    def make(viewport: ViewportSize | None = None, **options: Any) -> Page:
        context = browser.new_context(viewport=viewport or DESKTOP, locale="en-GB", **options)
        context.set_default_timeout(10_000)
        context.add_init_script(script=AXE_SOURCE)
        contexts.append(context)
        page = context.new_page()
        watch_page(page)
        pages.append(page)
        return page

    yield make
    figure_add(request, f"axe page checks ({', '.join(AXE_TAGS)})", sum(page_watch(p).axe_runs for p in pages))
    try:
        if not request.node.stash.get(_CALL_FAILED, True):
            failures = [failure for page in pages for failure in page_watch(page).failures()]
            if failures:
                pytest.fail("\n".join(failures), pytrace=False)
    finally:
        for page in pages:
            _WATCHES.pop(id(page), None)
        for context in contexts:
            context.close()


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    """A desktop-sized page (1280 wide)."""
    return open_page()


@pytest.fixture
def phone_page(open_page: Callable[..., Page]) -> Page:
    """A small phone: 360×740 CSS pixels, touch, mobile viewport rules."""
    return open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


@pytest.fixture
def base_url(live_server: Any) -> str:
    return str(live_server.url)


@dataclass
class Demo:
    framework: Framework
    organisation: Organisation

    def unit(self, name: str) -> Unit:
        return Unit.objects.get(organisation=self.organisation, name=name)

    def open_round(self, name: str = "Harbour House") -> Round:
        """A short-form round of this unit, opened (for tests that start on a round's pages)."""
        round_ = round_services.round_create(
            unit=self.unit(name), framework=self.framework, form=Round.Form.SHORT, by=None
        )
        return round_services.round_open(round_=round_)

    def whole(self) -> None:
        """The whole demo, as ``manage.py seed_demo`` makes it: the locality of three organisations with
        two years of rounds, barriers, answers and grants (a few seconds; most tests need only people)."""
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def demo(transactional_db: None) -> Demo:
    """The PIEs 2.0 framework and the demo organisation, Riverside Housing Trust, with one person per role."""
    framework = framework_import(
        text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8"), owner=None, publish=True
    )
    organisation, _ = seed_demo()
    return Demo(framework=framework, organisation=organisation)


@pytest.fixture
def empty_installation(transactional_db: None, settings: Any, base_url: str) -> None:
    """An empty installation: migrations and the PIEs 2.0 framework, nothing else. The operator's
    environment gives the set-up code and the address emailed links use (tests/browser/journeys.py)."""
    framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8"), owner=None, publish=True)
    settings.OPENPIE_SETUP_CODE = SETUP_CODE
    settings.OPENPIE_BASE_URL = base_url
