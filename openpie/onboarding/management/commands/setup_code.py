"""For operators: a new one-time set-up code for /set-up/ (the old one stops working)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openpie.onboarding.services.setup import setup_code_replace


class Command(BaseCommand):
    help = "Print a new one-time set-up code for making the first platform admin at /set-up/."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code = setup_code_replace()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Set-up code: {code}\nOpen /set-up/ and enter it. Any earlier code no longer works.")
