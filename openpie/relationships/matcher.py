"""Finding a framework's relationship words in text, and highlighting them safely.

A word matches as a whole word, in any case, with simple endings: "trust" finds "Trust", "trusts",
"trusted", "trusting" and "trustful" but not "entrust" or "mistrust"; "engage" finds "engaged",
"engaging" and "engagement"; "boundary" finds "boundaries". A phrase ("key worker") matches with
any spaces between its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Endings added to a word as written ("trust" → "trusting"); after a final "e" is dropped
# ("engage" → "engaging"); after a final "y" becomes "i" ("boundary" → "boundaries").
ENDINGS = ("s", "es", "ed", "ing", "er", "ers", "ful", "fully", "ly", "ness", "ment", "ments", "ship", "ships")
E_ENDINGS = ("e", "es", "ed", "ing", "er", "ers", "ement", "ements", "ful", "ly", "ion", "ions")
Y_ENDINGS = ("y", "ies", "ied")


def _pattern(word: str) -> str:
    word = word.strip().lower()
    parts = [re.escape(p) for p in word.split()]
    last = parts[-1]
    if word.endswith("e"):
        last = re.escape(parts[-1][:-1]) + "(?:" + "|".join(E_ENDINGS) + ")"
    elif word.endswith("y"):
        last = re.escape(parts[-1][:-1]) + "(?:" + "|".join(Y_ENDINGS) + ")"
    else:
        last = last + "(?:" + "|".join(ENDINGS) + ")?"
    return r"\s+".join([*parts[:-1], last])


def _stem(word: str) -> str:
    """The start every match of the word shares: its first word, less a final "e" or "y"."""
    first = word.split()[0]
    return first[:-1] if first == word and word.endswith(("e", "y")) else first


@dataclass(frozen=True)
class Matcher:
    """A compiled word list. ``stems`` are short lowercase pieces every match contains (to narrow a query)."""

    regex: re.Pattern[str] | None
    stems: tuple[str, ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> Matcher:
        cleaned = sorted({w.strip().lower() for w in words if w and w.strip()}, key=len, reverse=True)
        if not cleaned:
            return cls(regex=None, stems=())
        alternatives = "|".join(_pattern(w) for w in cleaned)
        regex = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        stems = tuple(sorted({_stem(w) for w in cleaned}))
        return cls(regex=regex, stems=stems)

    def words_in(self, text: str) -> list[str]:
        """The matched words as written, in order (empty when none)."""
        if self.regex is None or not text:
            return []
        return [m.group(0) for m in self.regex.finditer(text)]

    def highlight(self, text: str) -> SafeString:
        """The text, escaped, with each match in <mark>: nothing of the text is ever trusted as HTML."""
        if self.regex is None:
            return format_html("{}", text)
        pieces: list[tuple[str, str]] = []
        last = 0
        for found in self.regex.finditer(text):
            pieces.append((text[last : found.start()], found.group(0)))
            last = found.end()
        marked = format_html_join("", "{}<mark>{}</mark>", pieces)
        return format_html("{}{}", marked, text[last:])
