"""A small sentence and word counter for easy-read text (UK easy-read guidance: short sentences).

Used by the tests over the framework's easy-read questions and the service users' pages: no
sentence over ``MAX_WORDS`` words, no question with two question marks. Deliberately simple: a
sentence ends at ".", "!" or "?" (or a line break); a word is a run of letters or digits, with
inner apostrophes and hyphens ("don't", "one-to-one" are one word each).
"""

from __future__ import annotations

import re

MAX_WORDS = 15

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, without empty ones."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def long_sentences(text: str, *, limit: int = MAX_WORDS) -> list[str]:
    """The sentences of ``text`` with more than ``limit`` words."""
    return [s for s in sentences(text) if len(words(s)) > limit]


def is_one_question(text: str) -> bool:
    """One question only: a single question mark, at the end."""
    text = text.strip()
    return text.count("?") == 1 and text.endswith("?")
