from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openpie.accounts.models import User
from openpie.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a person and print it (it is shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="Command line")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"No person with the email address {options['email']}.")
        _, value = api_token_create(user=user, name=options["name"])
        self.stdout.write(value)
