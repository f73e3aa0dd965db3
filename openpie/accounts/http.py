"""Request types for views that require a signed-in person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from openpie.accounts.models import User


class AuthedRequest(HttpRequest):
    """An HttpRequest whose ``user`` is a signed-in person (views behind ``login_required``)."""

    user: User
