"""The connection goes while a team records its round: the server cannot be reached (every save is cut
on its way), the page says so on each thread and form, keeps what was chosen and typed (across a reload
too), and saves it by itself once the server answers again. Axe on every page, in each state."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Route, expect

from openpie.assessments import services
from openpie.assessments.models import Evidence, Placement, Round
from tests.browser.conftest import Demo, assert_accessible, page_watch, sign_in

THREAD = "psychological-awareness"


def cut_saves(page: Page, pattern: str) -> None:
    """Every save (POST) matching ``pattern`` fails as if the server were unreachable; pages still load."""

    def handle(route: Route) -> None:
        if route.request.method == "POST":
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.route(pattern, handle)


def _open_round(demo: Demo) -> Round:
    round_ = services.round_create(
        unit=demo.unit("Harbour House"), framework=demo.framework, form=Round.Form.SHORT, by=None
    )
    return services.round_open(round_=round_)


@pytest.mark.browser
def test_a_bead_moved_while_the_server_is_unreachable_is_saved_when_it_is_back(
    page: Page, base_url: str, demo: Demo
) -> None:
    round_ = _open_round(demo)
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-where", args=[round_.pk]))
    assert_accessible(page)
    section = page.locator(f"#thread-{THREAD}")
    status = section.locator("[data-bead-status]")

    cut_saves(page, "**/placements/**")
    section.get_by_role("radio", name="Basic, position 2 of 5", exact=True).first.check()
    expect(status).to_contain_text("Not saved – retrying in")
    assert_accessible(page)
    bead = Placement.objects.get(thread__round=round_, thread__key=THREAD, contribution__kind="team")
    assert bead.position is None
    expect(section.get_by_role("radio", name="Basic, position 2 of 5", exact=True).first).to_be_checked()

    page.unroute("**/placements/**")
    expect(status).to_contain_text("Saved: Basic, position 2 of 5", timeout=20_000)
    assert_accessible(page)
    bead.refresh_from_db()
    assert bead.position == 7


@pytest.mark.browser
def test_a_change_typed_while_the_server_is_unreachable_survives_a_reload_and_is_saved(
    page: Page, base_url: str, demo: Demo
) -> None:
    round_ = _open_round(demo)
    thread = round_.threads.get(key=THREAD)
    evidence = services.evidence_add(thread=thread, by=None, text="Residents are greeted.")
    sign_in(page, base_url, "staff@openpie.example")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" while something is unsaved
    page.goto(base_url + reverse("assessments:evidence-edit", args=[evidence.pk]))
    assert_accessible(page)
    status = page.locator("[data-autosave-status]").first

    cut_saves(page, "**/evidence/**")
    words = "Residents are greeted by name at the door; two said so at the house meeting."
    page.get_by_label("What tells you so").fill(words)
    expect(status).to_contain_text("Not saved – retrying")
    assert_accessible(page)
    evidence.refresh_from_db()
    assert evidence.text == "Residents are greeted."

    page.reload()
    expect(page.get_by_label("What tells you so")).to_have_value(words)
    expect(status).to_contain_text("Not saved")
    assert_accessible(page)

    page.unroute("**/evidence/**")
    expect(status).to_contain_text("Saved at", timeout=20_000)
    assert_accessible(page)
    assert list(Evidence.objects.filter(thread=thread).values_list("text", flat=True)) == [words]


@pytest.mark.browser
def test_evidence_added_while_the_server_is_unreachable_stays_in_the_add_form_and_is_added_once(
    page: Page, base_url: str, demo: Demo
) -> None:
    round_ = _open_round(demo)
    thread = round_.threads.get(key=THREAD)
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-evidence", args=[round_.pk]))
    section = page.locator(f"#thread-{thread.pk}")
    words = "Two residents said so at the house meeting."

    cut_saves(page, "**/evidence/**")
    section.get_by_label("What tells you so").fill(words)
    section.get_by_role("button", name="Add evidence").click()
    expect(section.locator("[data-autosave-status]")).to_contain_text("Not added – the server could not be reached")
    expect(section.get_by_label("What tells you so")).to_have_value(words)
    assert_accessible(page)
    assert not Evidence.objects.filter(thread=thread).exists()
    watch = page_watch(page)  # htmx reports the cut request on the console (sendError, afterRequest): expected here
    reported = [p for p in watch.problems if p.startswith("console error: htmx:")]
    assert reported
    watch.problems = [p for p in watch.problems if p not in reported]

    page.reload()  # the draft is kept on the page, across a reload
    section = page.locator(f"#thread-{thread.pk}")
    expect(section.get_by_label("What tells you so")).to_have_value(words)
    assert_accessible(page)

    page.unroute("**/evidence/**")
    section.get_by_role("button", name="Add evidence").click()
    expect(section.locator(".openpie-item")).to_have_count(1)
    expect(section.locator(".openpie-item")).to_contain_text(words)
    expect(section.get_by_label("What tells you so")).to_have_value("")
    assert_accessible(page)
    assert list(Evidence.objects.filter(thread=thread).values_list("text", flat=True)) == [words]
