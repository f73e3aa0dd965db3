"""A PIE lead's round in Welsh, on a 360-px phone, from an empty installation through pages alone: the lead
joins, chooses Cymraeg, starts and opens a round, places the team's bead on the board by keyboard, adds
evidence and an action, and opens the round's report. Every page after the choice is read for English left
on it (``assert_in_welsh``), fits the phone's width and passes axe (which checks ``lang="cy"`` too).

Steps that the lead's Welsh pages share with other areas (the unit page, the round's state buttons, the
form's labels) are found by their addresses and names, not their words, so the journey reads the same
whichever words those pages carry; the words this journey is about are asserted in Welsh."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Response, expect

from openpie.assessments.models import Action, Evidence, Placement, Round
from openpie.frameworks.models import Framework
from openpie.organisations.models import Unit
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_width, page_watch
from tests.browser.journeys import accept_invitation, first_platform_admin, heading, import_csv, start_organisation
from tests.browser.welsh import assert_in_welsh, switch_to_welsh

ADMIN, LEAD = "alex@harbour.example", "lee@harbour.example"
UNITS = "parent,name\n,Harbour House\n"
PEOPLE = f"email,unit,role\n{LEAD},Harbour House,PIE lead\n"
AWARENESS = "psychological-awareness"
EVIDENCE = "Mae’r trosglwyddo rhwng sifftiau’n sôn am beth sydd y tu ôl i ymddygiad."
ACTION = "Gofyn i’r comisiynydd adfer cyllideb yr hyfforddiant."
TYPED = ["Harbour House", "Harbour Trust", "Lee Lead", "Alex Harbour", "Sam"]


def framework_wording() -> list[str]:
    """The framework's own wording (themes, elements, levels, questions, descriptors, criteria): it is
    translated in the framework file, separately from the pages; until the framework carries its Welsh,
    the journey lets its English stand. Longest first, so a name inside a sentence is not cut out early."""
    words: set[str] = set()
    for framework in Framework.objects.all():
        words.update(framework.levels)
        for thread in [*framework.themes.all(), *framework.elements.all()]:
            words.update([thread.name, thread.short_name, thread.description, thread.easy_read])
            words.update(thread.guiding_questions)
            words.update(thread.level_descriptors)
            words.update(thread.review_criteria)
    return sorted((w for w in words if w), key=len, reverse=True)


def welsh_checker(allow: list[str]) -> Callable[[Page], None]:
    def check(page: Page) -> None:
        assert_in_welsh(page, allow=allow)
        assert_fits_width(page, PHONE["width"])
        assert_accessible(page)

    return check


def is_bead_save(response: Response) -> bool:
    return response.request.method == "POST" and "/placements/" in response.url


@pytest.mark.browser
def test_a_pie_lead_runs_a_round_in_welsh_on_a_phone(
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

    # The PIE lead joins on a phone and chooses Cymraeg: the same page comes back in Welsh.
    lead = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    # Autosave tries the half-filled add-forms and is told what is still missing.
    page_watch(lead).expected |= {(400, "/evidence/add/"), (400, "/actions/")}
    accept_invitation(lead, LEAD, "Lee Lead")
    check = welsh_checker(TYPED + framework_wording())
    switch_to_welsh(lead)
    check(lead)

    # A round at the lead's team: the unit's "start a round" link, the short form, started and opened.
    house = Unit.objects.get(name="Harbour House")
    lead.goto(base_url + reverse("organisations:unit", args=[house.pk]))
    check(lead)
    lead.locator(f"main a[href='{reverse('assessments:round-new', args=[house.pk])}']").first.click()
    heading(lead)("Dechrau cylch")
    check(lead)
    lead.locator(f"input[name='form'][value='{Round.Form.SHORT}']").check()
    lead.get_by_role("button", name="Dechrau’r cylch").click()
    round_ = Round.objects.get(unit=house)
    expect(lead.locator(".openpie-state").first).to_have_class("govuk-tag openpie-state openpie-state--draft")
    expect(lead.get_by_role("heading", name="Ble mae’r cylch hwn arni")).to_be_visible()
    check(lead)
    lead.locator("form:has(input[name='to'][value='open']) button").click()
    expect(lead.locator(".openpie-state").first).to_have_class("govuk-tag openpie-state openpie-state--open")
    expect(lead.get_by_role("heading", name="Llawer o leisiau")).to_be_visible()
    check(lead)

    # 1. The board: the team's bead on the first thread, placed with the keyboard; it saves once it rests.
    stages = lead.get_by_role("navigation", name="Camau’r cylch hwn")
    stages.locator(f"a[href='{reverse('assessments:stage-where', args=[round_.pk])}']").click()
    expect(lead.get_by_role("list", name="Allwedd i’r bwrdd")).to_be_visible()
    check(lead)
    row = lead.locator(f"#thread-{AWARENESS}")
    row.locator("input[type='radio']").nth(6).focus()
    with lead.expect_response(is_bead_save):
        lead.keyboard.press("Space")
        lead.keyboard.press("ArrowRight")
    expect(row.get_by_role("button", name="Tynnu’r glain")).to_be_attached()
    expect(row.locator("[data-bead-status]")).not_to_be_empty()
    team_bead = Placement.objects.get(thread__round=round_, thread__key=AWARENESS, contribution__kind="team")
    assert team_bead.position is not None
    check(lead)

    # 2. Evidence for the first thread.
    stages.locator(f"a[href='{reverse('assessments:stage-evidence', args=[round_.pk])}']").click()
    expect(lead.get_by_role("heading", level=2, name="2. Beth sy’n dweud hynny wrthym?")).to_be_visible()
    check(lead)
    first = lead.locator("section.openpie-stage-thread").first
    first.locator("textarea[name='text']").fill(EVIDENCE)
    first.get_by_role("button", name="Ychwanegu tystiolaeth").click()
    expect(lead.locator("section.openpie-stage-thread").first).to_contain_text(EVIDENCE)
    assert Evidence.objects.filter(thread__round=round_, text=EVIDENCE).exists()
    check(lead)

    # 4. An action, owned by someone outside OpenPIE.
    stages.locator(f"a[href='{reverse('assessments:stage-actions', args=[round_.pk])}']").click()
    expect(lead.get_by_role("heading", level=2, name="4. Beth wnawn ni?")).to_be_visible()
    check(lead)
    lead.locator("[name='what']").fill(ACTION)
    lead.locator("input[name='owner_name']").fill("Sam")
    lead.get_by_role("button", name="Ychwanegu’r cam gweithredu").click()
    expect(lead.locator("#action-plan table")).to_contain_text(ACTION)
    expect(lead.locator("#action-plan caption")).to_have_text("1 cam gweithredu")
    assert Action.objects.filter(round=round_, what=ACTION, owner_name="Sam").exists()
    check(lead)

    # The round's report: every stage in Welsh, the evidence and the action in it.
    stages.locator(f"a[href='{reverse('assessments:report', args=[round_.pk])}']").click()
    heading(lead)(f"Adroddiad: {round_.title}")
    main = lead.get_by_role("main")
    expect(main.get_by_role("link", name="Ffurflen bapur wag (PDF)")).to_be_visible()
    expect(main).to_contain_text(EVIDENCE)
    expect(main).to_contain_text(ACTION)
    expect(main.get_by_role("heading", name="5. Sut aeth hi?")).to_be_visible()
    check(lead)
