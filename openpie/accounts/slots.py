"""What the sign-in page, the sign-in form and the account page show from the apps above accounts.

Accounts sits below organisations, so an organisation's own sign-in providers (``signin_providers``,
above onboarding) are not imported here: that app puts its pieces in ``SIGN_IN`` in its
``AppConfig.ready()``. Left unset, the sign-in page has only the password form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class PageSection:
    """A part of a page drawn by an app above: its template and context, and the addresses its forms
    lead to (added to the page's CSP ``form-action``)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    form_action: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    text: str
    url: str


def _no_refusal(user: Any) -> str | None:
    return None


def _no_section(request: HttpRequest) -> PageSection | None:
    return None


def _no_links(user: Any) -> list[Link]:
    return []


@dataclass
class SignInSlots:
    # Why this person may not sign in with a password (their organisation turned passwords off), or None.
    password_refusal: Callable[[Any], str | None] = _no_refusal
    # The part of the sign-in page below the password form (signing in with an organisation's account).
    sign_in_page: Callable[[HttpRequest], PageSection | None] = _no_section
    # Links under "Your organisation's sign-in" on the account page.
    account_links: Callable[[Any], list[Link]] = _no_links


SIGN_IN = SignInSlots()
