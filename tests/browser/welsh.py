"""Reading a page in Welsh: is there English left on it?

``switch_to_welsh(page)`` uses the language choice on the page, as a person would.
``assert_in_welsh(page, allow=...)`` reads the page's visible text (leaving out anything marked
with another ``lang``, such as the language choice's "English") and fails if it finds English
words that Welsh never uses ("the", "and", "your", "with" …). ``allow`` names the words the
person typed themselves (a team called "The Bridge"), which stay as they were written."""

from __future__ import annotations

import re
from collections.abc import Iterable

from playwright.sync_api import Page, expect

# Common English words that are not Welsh words: any of them on a Welsh page is untranslated text.
_ENGLISH_ONLY_WORDS = """the and your you with this that have will for from what are not been our who when how which
    there their about into was were has should would could here they them these those only
    after before please yet"""
ENGLISH_ONLY = frozenset(_ENGLISH_ONLY_WORDS.split())
_VISIBLE_TEXT = """() => {
  const skipped = (el) => el.closest('[lang]:not([lang^="cy"]), [translate="no"], script, style, template');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || skipped(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el.closest('[hidden]')) continue;
    parts.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
    if (skipped(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) parts.push(el.getAttribute(name) || '');
  }
  return parts.join(' ');
}"""


def switch_to_welsh(page: Page) -> None:
    """Press "Cymraeg" in the header; the same page comes back in Welsh."""
    page.locator(".openpie-language").get_by_role("button", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")


def english_words(page: Page, allow: Iterable[str] = ()) -> list[str]:
    """The English-only words in the page's visible text, after removing what the person typed."""
    text = page.evaluate(_VISIBLE_TEXT)
    for typed in allow:
        text = text.replace(typed, " ")
    return sorted({word for word in re.findall(r"[^\W\d_]+", text) if word.lower() in ENGLISH_ONLY})


def assert_in_welsh(page: Page, allow: Iterable[str] = ()) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    found = english_words(page, allow)
    assert not found, f"English words on the Welsh page {page.url}: {found}"
