"""The board as a team meets it at its second round (the demo's Harbour House): last round's ghosts beside each
thread, a barrier at the end of one, beads placed. At 1280 px every thread of the short round still ends within
two screens, the levels line up down the board (the barrier's room is kept on every row), and each ghost and
barrier is named for screen readers. Axe on the page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from openpie.assessments.models import Round
from openpie.demo.rounds import seed_demo_rounds
from tests.browser.conftest import DESKTOP, Demo, assert_accessible, assert_fits_width, sign_in


def _second_round(demo: Demo) -> Round:
    seed_demo_rounds(organisation=demo.organisation, by=None)
    return (
        Round.objects.filter(unit=demo.unit("Harbour House"), state=Round.State.OPEN, previous__isnull=False)
        .exclude(form=Round.Form.CHECK_IN)
        .get()
    )


@pytest.mark.browser
def test_a_second_rounds_board_keeps_its_threads_in_two_screens_with_the_levels_lined_up(
    page: Page, base_url: str, demo: Demo
) -> None:
    round_ = _second_round(demo)
    sign_in(page, base_url, "staff@openpie.example")
    page.goto(base_url + reverse("assessments:stage-where", args=[round_.pk]))
    assert_accessible(page)
    assert_fits_width(page, DESKTOP["width"])
    rows = page.locator(".openpie-board__row")
    expect(rows).to_have_count(round_.threads.count())
    bottom = rows.last.evaluate("(el) => el.getBoundingClientRect().bottom + window.scrollY")
    assert bottom <= 2 * DESKTOP["height"], f"the last thread ends {bottom}px down the page"

    # One thread has a barrier marker at its end; every thread's levels still start and end at the same places.
    expect(page.locator(".openpie-board__row--walled")).not_to_have_count(0)
    levels = ".openpie-board-track:not(.openpie-board-track--target) .openpie-board-track__level"
    edges = page.locator(".openpie-board__row").evaluate_all(
        "(rows, levels) => rows.map((row) => [...row.querySelectorAll(levels)]"
        ".map((level) => Math.round(level.getBoundingClientRect().left)))",
        levels,
    )
    assert all(row == edges[0] for row in edges), edges
    expect(page.locator(".openpie-board-track__barrier").first).to_have_accessible_name("1 barrier")
    first = page.locator(".openpie-board__row").first.locator("fieldset.openpie-board__fieldset").first
    expect(first).to_have_accessible_description(re.compile(r"Last time: \w"))
