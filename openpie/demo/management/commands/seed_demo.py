"""``manage.py seed_demo [--if-empty] [--password …]``: the demo locality, step by step. Safe to run again."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openpie.accounts.models import User
from openpie.demo.locality import seed_demo_locality
from openpie.demo.locality_data import CHARITY_SLUG, COUNCIL_SLUG, LOCALITY_PEOPLE
from openpie.demo.organisation import DEFAULT_PASSWORD, DEMO_SLUG, PEOPLE, DemoPerson, seed_demo
from openpie.demo.participation import seed_demo_participation
from openpie.demo.practice import seed_demo_practice
from openpie.demo.reviews import PEER_SLUG, REVIEWER_EMAIL, seed_demo_reviews
from openpie.demo.rounds import seed_demo_rounds
from openpie.demo.voices import demo_round, seed_demo_voices
from openpie.organisations.models import Organisation, Role

DEMO_SLUGS = (DEMO_SLUG, PEER_SLUG, CHARITY_SLUG, COUNCIL_SLUG)


class Command(BaseCommand):
    help = "Create the demo locality (three organisations) and one demo person per role. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password for every demo person.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database holds any other organisation."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Organisation.objects.exclude(slug__in=DEMO_SLUGS).exists():
            self.stdout.write("This database holds real organisations: the demo was not added.")
            return
        started = time.perf_counter()
        password = options["password"]
        organisation, created = seed_demo(password=password)
        staff = User.objects.filter(email="staff@openpie.example").first()
        lead = User.objects.filter(email="lead@openpie.example").first()
        steps = [
            (
                lambda: seed_demo_rounds(organisation=organisation, by=staff),
                "Demo rounds added: Harbour House (last round closed, this one open) and a check-in.",
            ),
            (
                lambda: seed_demo_voices(lead=lead),
                "Many voices added: five team members' own beads in Harbour House's open round.",
            ),
            (
                lambda: seed_demo_participation(round_=demo_round(), lead=lead),
                "Service users' views added: six people took part through a link.",
            ),
            (
                lambda: seed_demo_reviews(lead=lead, password=password),
                f"A peer review added: {REVIEWER_EMAIL} (Anchor House, another organisation).",
            ),
            (
                lambda: seed_demo_practice(organisation=organisation, moderator=lead),
                "Practice library: four published examples, one of them anonymous.",
            ),
            (
                lambda: seed_demo_locality(organisation=organisation, password=password),
                "The locality added: a mental-health charity and the council's commissioning team, "
                "two years of rounds in 17 services, and barriers answered and resolved.",
            ),
        ]
        for step, done in steps:
            if step():
                self.stdout.write(done)
        self.stdout.write(f"{organisation} {'created' if created else 'is ready'}. Demo sign-ins:")
        for person in [*PEOPLE, *LOCALITY_PEOPLE]:
            self.stdout.write(f"  {person.email:<28} {_role(person)}")
        self.stdout.write(f"  Password for all: {password}")
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")


def _role(person: DemoPerson) -> str:
    role = str(Role(person.role).label) if person.role else "Platform admin (/admin/)"
    return f"{role} at {person.unit}" if person.unit else role
