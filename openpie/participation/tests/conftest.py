"""Every participation test starts and ends in English: a page served in Welsh leaves Welsh active in
the thread (nothing switches back after a response), and words built outside a request — "Most
people said: …" — are read in the active language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
