from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openpie.accounts.models import User
from openpie.assessments.demo import seed_demo_rounds
from openpie.assessments.demo_voices import demo_round, seed_demo_voices
from openpie.organisations.demo import DEFAULT_PASSWORD, DEMO_SLUG, PEOPLE, seed_demo
from openpie.organisations.models import Organisation, Role
from openpie.participation.demo import seed_demo_participation
from openpie.reviews.demo import PEER_SLUG, REVIEWER_EMAIL, seed_demo_reviews


class Command(BaseCommand):
    help = "Create the demo organisation and one demo person per role. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password for every demo person.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database holds any other organisation."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Organisation.objects.exclude(slug__in=[DEMO_SLUG, PEER_SLUG]).exists():
            self.stdout.write("This database holds real organisations: the demo was not added.")
            return
        organisation, created = seed_demo(password=options["password"])
        staff = User.objects.filter(email="staff@openpie.example").first()
        if seed_demo_rounds(organisation=organisation, by=staff):
            self.stdout.write("Demo rounds added: Harbour House (last round closed, this one open) and a check-in.")
        lead = User.objects.filter(email="lead@openpie.example").first()
        if seed_demo_voices(lead=lead):
            self.stdout.write("Many voices added: five team members' own beads in Harbour House's open round.")
        if seed_demo_participation(round_=demo_round(), lead=lead):
            self.stdout.write("Service users' views added: six people took part through a link.")
        if seed_demo_reviews(lead=lead, password=options["password"]):
            self.stdout.write(f"A peer review added: {REVIEWER_EMAIL} (Anchor House, another organisation).")
        self.stdout.write(f"{organisation} {'created' if created else 'is ready'}. Demo sign-ins:")
        for person in PEOPLE:
            role = Role(person.role).label if person.role else "Platform admin (/admin/)"
            where = f" at {person.unit}" if person.unit else ""
            self.stdout.write(f"  {person.email:<28} {role}{where}")
        self.stdout.write(f"  Password for all: {options['password']}")
