"""Input types shared by API schemas: text without NUL characters, and numbers that are really numbers."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, StrictInt, StringConstraints


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


NoNul = AfterValidator(_no_nul)

# An id in a request body: a JSON number, never a boolean or a string.
Id = StrictInt
# A short required name.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul]
