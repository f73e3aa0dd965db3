"""Hostile input: every form takes hostile strings without a server error, and no page runs them.

1. The organisation admin opens every page of the access table (and every page without parameters),
   finds each POST form with somewhere to type, and sends it once per batch of hostile strings
   (``hostile.py``: many strings per field at once; NUL and very long strings one by one), following
   where a form leads to find the forms after it. No answer may be a server error; an answer that
   is not a redirect (the input refused) must say what is wrong (the GOV.UK error summary or an
   error message).
2. Every text field of every row of the organisation (through the model registry, so service users'
   comments, barrier text, wording and grant notes too) then holds hostile strings, and every page
   is rendered in headless Chromium as the admin, with a trap: ``window.__xss`` collects anything a
   payload ran, ``alert``/``confirm``/``prompt`` are replaced, dialogs are counted, and the page is
   searched for elements a payload injected. The site's Content Security Policy is bypassed here,
   so that escaping alone is tested (the policy is a second wall, checked by the other browser tests).
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import models
from django.test import Client

from openpie.accounts.tests.helpers import finish_second_step
from tests.security import canaries
from tests.security.figures import figures
from tests.security.forms import Form, forms_on
from tests.security.hostile import HOSTILE, LONG, NUL, SHORT, chunks
from tests.security.pages import every_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIGURES = figures(
    "hostile input",
    "strings",
    "fields",
    "forms",
    "submissions",
    "pages rendered",
    "server errors",
    "unclear refusals",
    "scripts executed",
    "injected elements",
)
BATCH = 60  # hostile strings per field per submission
MAX_PAGES = 400

TRAP = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push([name, ...args].join(" ")); };
}
"""
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) || "";
      if (attr.startsWith("on") || (/^(href|src|action|formaction|data|xlink:href)$/.test(attr)
          && /^\\s*javascript:/i.test(value))) {
        if (/__xss|alert/.test(value)) found.push(`<${el.tagName.toLowerCase()} ${attr}="${value.slice(0, 60)}">`);
      }
    }
    // A JSON data block (json_script: < > & escaped) is never run; any other script is.
    if (el.tagName === "SCRIPT" && !/json/i.test(el.type) && /__xss|alert\\(/.test(el.textContent)) {
      found.push("<script> " + el.textContent.slice(0, 60));
    }
  }
  return found;
}"""


def _payloads() -> list[str]:
    """Short strings many at a time; every NUL form together; each very long string alone."""
    return [*chunks(SHORT, BATCH), " ".join(NUL), *LONG]


def _is_html(response: Any) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _local(location: str) -> str | None:
    parts = urlsplit(location)
    return None if parts.netloc and parts.netloc != "testserver" else parts.path


def _send_forms(client: Client, start: list[str]) -> None:
    """Part 1: every form, every batch of hostile strings."""
    queue = deque(start)
    seen_pages: set[str] = set()
    seen_forms: set[tuple[str, tuple[str, ...]]] = set()
    fields: set[tuple[str, str]] = set()
    while queue and len(seen_pages) < MAX_PAGES:
        page = queue.popleft()
        if page in seen_pages or page.startswith(("/sign-out", "/api/")):
            continue
        seen_pages.add(page)
        response = client.get(page)
        if not _is_html(response):
            continue
        for form in forms_on(page, response.content.decode()):
            if form.key in seen_forms:
                continue
            seen_forms.add(form.key)
            FIGURES.add("forms")
            fields |= {(form.action, name) for name in form.free}
            for text in _payloads():
                if _submit(client, form, text, queue):  # saved: the form now starts from what was saved
                    form = _again(client, page, form) or form
    FIGURES.at_least("fields", len(fields))


def _again(client: Client, page: str, form: Form) -> Form | None:
    response = client.get(page)
    if not _is_html(response):
        return None
    return next((f for f in forms_on(page, response.content.decode()) if f.key == form.key), None)


def _submit(client: Client, form: Form, text: str, queue: deque[str]) -> bool:
    response = client.post(form.action, form.filled(text))
    FIGURES.add("submissions")
    where = f"{form.action} ({', '.join(form.free)}) with {text[:40]!r}"
    if response.status_code >= 500:
        FIGURES.add("server errors")
        FIGURES.notes.append(f"server error: {where}")
    elif response.status_code in {301, 302, 303}:
        location = _local(response["Location"])
        if location:
            queue.append(location)
        return True
    elif response.status_code not in {403, 404, 405, 409, 410, 429}:
        body = response.content.decode(errors="replace")
        refused = any(f.key == form.key for f in forms_on(form.action, body))  # the same form again
        if refused and "govuk-error-summary" not in body and "govuk-error-message" not in body:
            FIGURES.add("unclear refusals")
            FIGURES.notes.append(f"answered {response.status_code} without saying what is wrong: {where}")
    return False


def _plant_hostile(organisation: Any) -> None:
    """Part 2's data: hostile strings in every text field of every row (of every app)."""
    strings = itertools.cycle(chunks(SHORT, 6))
    for n, model in enumerate(canaries.app_models()):
        texts = [f for f in canaries.text_fields(model) if not isinstance(f, models.EmailField)]
        if not texts:
            continue
        for row in model._default_manager.all():
            changed = {}
            for f in texts:
                value = f"{n}.{row.pk} {next(strings)}".replace("\x00", "")  # refused at every way in
                changed[f.name] = value[: f.max_length] if f.max_length else value
            model._default_manager.filter(pk=row.pk).update(**changed)


def test_hostile_strings_are_refused_clearly_or_stored_and_never_run(world, client, live_server, browser):
    FIGURES.at_least("strings", len(HOSTILE))
    client.force_login(world.people.admin)
    finish_second_step(client, world.people.admin)
    urls = [u for u in every_page(world) if not u.startswith(("/sign-out", "/api/", "/account/session/"))]
    _send_forms(client, urls)
    _plant_hostile(world.tree.organisation)

    context = browser.new_context(bypass_csp=True, locale="en-GB")
    context.add_init_script(script=TRAP)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    problems: list[str] = []
    shown = 0  # pages that show hostile strings as text (so the rendering was tested at all)
    try:
        page.set_content("<p>control</p><img src=x onerror=window.__xss.push('control')>")
        page.wait_for_function("window.__xss.length > 0")  # the trap catches a payload that runs
        for url in urls:
            answer = client.get(url)
            kind = answer.get("Content-Type", "")
            if answer.status_code == 405 or not kind.startswith(("text/html", "image/svg+xml")):
                continue  # a form's POST-only address (e.g. the larger-text choice) has no page to render
            page.goto(live_server.url + url, wait_until="load")
            # Every image has loaded or failed, so a payload's onerror has had its chance to run.
            page.wait_for_function("Array.from(document.images).every((image) => image.complete)")
            FIGURES.add("pages rendered")
            ran = page.evaluate("window.__xss")
            shown += page.evaluate("document.documentElement.textContent.includes('__xss.push')")
            injected = page.evaluate(INJECTED)
            if ran or dialogs:
                FIGURES.add("scripts executed", len(ran) + len(dialogs))
                problems.append(f"{url} ran {ran + dialogs}")
                dialogs.clear()
            if injected:
                FIGURES.add("injected elements", len(injected))
                problems.append(f"{url} has injected {injected[:3]}")
    finally:
        context.close()
    FIGURES.notes.extend(problems)
    assert shown >= 20, f"only {shown} pages showed the hostile strings: the rendering test saw too little"
    failing = {k: FIGURES[k] for k in ("server errors", "unclear refusals", "scripts executed", "injected elements")}
    assert not any(failing.values()), (failing, FIGURES.notes[:30])
