"""Shared pieces of the onboarding tests: a platform admin, signed in with the second step done."""

from __future__ import annotations

from typing import Any

from openpie.accounts.models import User
from openpie.accounts.tests.factories import UserFactory


def make_platform_admin(email: str = "platform@openpie.example") -> User:
    return UserFactory.create(email=email, is_staff=True, is_superuser=True)


def invitation_link(message: Any) -> str:
    """The invitation link (its path) in an emailed message."""
    line = next(line for line in message.body.splitlines() if "/invitations/" in line)
    return line[line.index("/invitations/") :].strip()
