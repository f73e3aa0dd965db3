"""What each app holds of a person: the registry behind their data-rights copy and erasing them.

Each app says what it holds in its own ``personal_data.py`` (found at start-up, like admin.py):
every link from its models to a person (foreign keys, one-to-ones and many-to-manys to the user
model), the sections it adds to the person's copy, and what erasing a person does to its records.
openpie/privacy reads the registry and lists no app's models itself; a test
(openpie/privacy/tests/test_registry.py) walks every model and fails on a link to a person that no
app has named. See docs/adr/0011-audit-trail-and-data-rights.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules

Rows = list[dict[str, Any]] | dict[str, Any]

# A link kept as it is on erasure, and not in the copy: it points at the account, which erasure
# anonymises, so it names no one afterwards. Each use says why the copy leaves it out.
KEPT = "kept"


@dataclass(frozen=True)
class Section:
    """One part of a person's copy: ``key`` in the JSON, ``title`` as a table in the PDF (None: no table)."""

    key: str
    title: str | None
    rows: Callable[[Any], Rows]
    order: int


@dataclass(frozen=True)
class Holding:
    """What one app holds of a person.

    ``links`` names every link to a person (``"Model.field"``) and where it is handled: the key
    of the section that copies it, or ``KEPT`` with the reason after a colon.
    """

    app: str
    links: dict[str, str]
    sections: tuple[Section, ...] = ()
    erase: Callable[[Any], None] | None = None
    erase_order: int = 50


_HOLDINGS: dict[str, Holding] = {}


def register(holding: Holding) -> Holding:
    _HOLDINGS[holding.app] = holding
    return holding


def holdings() -> list[Holding]:
    """Every app's holding (each app's ``personal_data`` module imported once)."""
    autodiscover_modules("personal_data")
    return sorted(_HOLDINGS.values(), key=lambda h: h.app)


def sections() -> list[Section]:
    return sorted((s for h in holdings() for s in h.sections), key=lambda s: s.order)


def erasers() -> list[Callable[[Any], None]]:
    return [h.erase for h in sorted(holdings(), key=lambda h: h.erase_order) if h.erase is not None]


def where(round_: Any) -> dict[str, Any]:
    """Which organisation, unit and round a row of the copy belongs to."""
    return {"organisation": round_.unit.organisation.name, "unit": round_.unit.name, "round": round_.title}


def erased_email(person: Any) -> str:
    """The address an erased account, and anything sent to its old address, gets instead."""
    return f"erased-{person.pk}@erased.invalid"
