"""Synthetic data at national scale, for the benchmarks and the load test.

One organisation (a national network) with regions and ``units`` services below them; each service
has ``rounds`` rounds of history (the last one open), each round ``threads`` threads and
``contributions`` contributions (the team's agreed view, staff members' own beads and service
users'), with evidence, factors (some of them barriers) and actions. The export of every
service's latest round is about 100,000 rows at the default sizes.

    python -m bench.generate [--units 500 --rounds 4 --threads 20 --contributions 10] [--force]

Everything is written with bulk inserts in batches, in one transaction. Running it again with the
same sizes does nothing (``--force`` makes it afresh).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import time
from dataclasses import asdict, dataclass
from typing import Any

BENCH_SLUG = "bench-national-network"
BENCH_EMAIL = "bench-admin@openpie.invalid"
BENCH_PASSWORD = "bench-password-not-secret"  # noqa: S105 (a local benchmark account on loopback)
STAFF_EMAIL = "bench-staff-{}@openpie.invalid"
BATCH = 5000


@dataclass(frozen=True)
class Sizes:
    units: int = 500
    rounds: int = 4
    threads: int = 20
    contributions: int = 10

    @property
    def label(self) -> str:
        each = f"{self.rounds} rounds x {self.threads} threads x {self.contributions} contributions"
        return f"{self.units} units x {each}"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def existing(sizes: Sizes) -> bool:
    from openpie.organisations.models import Organisation

    org = Organisation.objects.filter(slug=BENCH_SLUG).first()
    return org is not None and org.name.endswith(f"({sizes.label})")


def _framework() -> Any:
    from django.conf import settings

    from openpie.frameworks.models import Framework
    from openpie.frameworks.services import framework_import

    found = Framework.objects.published().filter(owner=None).order_by("-pk").first()
    if found is not None:
        return found
    return framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(), owner=None, publish=True)


def _people(root: Any, sizes: Sizes) -> tuple[Any, list[Any]]:
    """The bench admin (organisation admin at the top) and one staff member per staff contribution."""
    from django.contrib.auth.hashers import make_password

    from openpie.accounts.models import User
    from openpie.organisations.models import Membership, Role

    password = make_password(BENCH_PASSWORD)
    admin, _ = User.objects.update_or_create(
        email=BENCH_EMAIL, defaults={"full_name": "Bench admin", "password": password}
    )
    Membership.objects.get_or_create(user=admin, unit=root, role=Role.ORG_ADMIN)
    staff = []
    for number in range(max(0, sizes.contributions - 1 - _service_users(sizes))):
        person, _ = User.objects.update_or_create(
            email=STAFF_EMAIL.format(number), defaults={"full_name": f"Staff member {number}", "password": password}
        )
        Membership.objects.get_or_create(user=person, unit=root, role=Role.STAFF)
        staff.append(person)
    return admin, staff


def _service_users(sizes: Sizes) -> int:
    return (sizes.contributions - 1) // 3


def _tree(organisation: Any, root: Any, sizes: Sizes) -> list[Any]:
    """Regions of up to 50 services each, and the services: their paths need their ids, so two passes."""
    from openpie.organisations.models import Unit

    regions = Unit.objects.bulk_create(
        Unit(organisation=organisation, parent=root, name=f"Region {n + 1}", kind=Unit.Kind.REGION, depth=1)
        for n in range(max(1, (sizes.units + 49) // 50))
    )
    for region in regions:
        region.path = f"{root.path}{region.pk}/"
    Unit.objects.bulk_update(regions, ["path"])
    kinds = list(Unit.ServiceType.values)[1:]
    groups = list(Unit.ClientGroup.values)
    services = Unit.objects.bulk_create(
        (
            Unit(
                organisation=organisation,
                parent=regions[n % len(regions)],
                name=f"Service {n + 1}",
                kind=Unit.Kind.SERVICE,
                depth=2,
                service_type=kinds[n % len(kinds)],
                client_group=groups[n % len(groups)],
            )
            for n in range(sizes.units)
        ),
        batch_size=BATCH,
    )
    for n, service in enumerate(services):
        service.path = f"{regions[n % len(regions)].path}{service.pk}/"
    Unit.objects.bulk_update(services, ["path"], batch_size=BATCH)
    return services


def _thread_templates(framework: Any, organisation: Any, sizes: Sizes) -> list[dict[str, Any]]:
    from openpie.assessments.models import Thread
    from openpie.frameworks.selectors import framework_for

    found: list[dict[str, Any]] = []
    for theme in framework_for(framework, organisation):
        items = [(theme, Thread.Kind.THEME), *((e, Thread.Kind.ELEMENT) for e in theme.elements)]
        for view, kind in items:
            found.append(
                {
                    "key": view.key,
                    "kind": kind,
                    "theme_key": theme.key,
                    "name": view.name,
                    "short_name": view.short_name[:40],
                    "description": view.description,
                }
            )
    if sizes.threads > len(found):
        raise SystemExit(f"The framework has {len(found)} themes and elements: ask for at most that many threads.")
    return found[: sizes.threads]


class Writer:
    """Writes one batch of services' rounds with everything in them."""

    def __init__(self, *, framework: Any, templates: list[dict[str, Any]], staff: list[Any], sizes: Sizes) -> None:
        from openpie.frameworks.models import BarrierKind

        self.framework = framework
        self.templates = templates
        self.staff = staff
        self.sizes = sizes
        self.kinds = list(BarrierKind.objects.filter(framework=framework))
        self.random = random.Random(20261)  # noqa: S311 (synthetic data)
        self.today = datetime.date.today()  # noqa: DTZ011

    def write(self, services: list[Any]) -> int:
        from openpie.assessments.models import Round

        rounds = self._rounds(services)
        threads = self._threads(rounds)
        placements = self._contributions(rounds, threads)
        self._stages(rounds, threads)
        Round.objects.bulk_update([r for r in rounds if r.previous_id], ["previous"], batch_size=BATCH)
        return placements

    def _rounds(self, services: list[Any]) -> list[Any]:
        from openpie.assessments.models import Round

        made = []
        for unit in services:
            for n in range(self.sizes.rounds):
                latest = n == self.sizes.rounds - 1
                held = self.today - datetime.timedelta(days=91 * (self.sizes.rounds - 1 - n))
                made.append(
                    Round(
                        unit=unit,
                        framework=self.framework,
                        form=Round.Form.DRILL_DOWN,
                        state=Round.State.OPEN if latest else Round.State.CLOSED,
                        title=f"Round {n + 1} — {unit.name}",
                        held_on=held,
                        theme_keys=[],
                    )
                )
        made = Round.objects.bulk_create(made, batch_size=BATCH)
        for index, round_ in enumerate(made):
            if index % self.sizes.rounds:
                round_.previous_id = made[index - 1].pk
        return made

    def _threads(self, rounds: list[Any]) -> dict[int, list[Any]]:
        from openpie.assessments.models import Thread

        made = Thread.objects.bulk_create(
            (Thread(round=r, position=i, **t) for r in rounds for i, t in enumerate(self.templates)), batch_size=BATCH
        )
        by_round: dict[int, list[Any]] = {}
        for thread in made:
            by_round.setdefault(thread.round_id, []).append(thread)
        return by_round

    def _contributions(self, rounds: list[Any], threads: dict[int, list[Any]]) -> int:
        from openpie.assessments.models import Contribution, Placement

        kinds = Contribution.Kind
        made = []
        for round_ in rounds:
            made.append(Contribution(round=round_, kind=kinds.TEAM))
            made += [Contribution(round=round_, kind=kinds.INDIVIDUAL, author=person) for person in self.staff]
            made += [
                Contribution(round=round_, kind=kinds.SERVICE_USER, display_name=f"Person {n + 1}")
                for n in range(_service_users(self.sizes))
            ]
        made = Contribution.objects.bulk_create(made, batch_size=BATCH)
        team_positions: dict[tuple[int, str], int] = {}
        placements = []
        previous_of = {r.pk: r.previous_id for r in rounds}
        start = {r.pk: (i % self.sizes.rounds) for i, r in enumerate(rounds)}
        for contribution in made:
            step = start[contribution.round_id]
            for thread in threads[contribution.round_id]:
                position = max(1, min(20, 4 + 3 * step + self.random.randint(-3, 3)))
                placement = Placement(contribution=contribution, thread=thread, position=position)
                if contribution.kind == kinds.TEAM:
                    placement.target = min(20, position + 3)
                    placement.previous_position = team_positions.get((previous_of[thread.round_id] or 0, thread.key))
                    team_positions[(thread.round_id, thread.key)] = position
                placements.append(placement)
        Placement.objects.bulk_create(placements, batch_size=BATCH)
        return len(placements)

    def _stages(self, rounds: list[Any], threads: dict[int, list[Any]]) -> None:
        """Evidence on every thread; factors (a third of them barriers) and actions. The latest round
        has few factors, so that the export of every service's latest round is about 200 rows a service
        (100,000 for 500 services) in the long CSV format."""
        from openpie.assessments.models import Action, Evidence, Factor

        evidence, factors = [], []
        for index, round_ in enumerate(rounds):
            latest = index % self.sizes.rounds == self.sizes.rounds - 1
            for number, thread in enumerate(threads[round_.pk]):
                evidence.append(Evidence(thread=thread, text=f"Observed in a team meeting: {thread.name}"))
                if not latest:
                    factors += [self._factor(thread, n) for n in range(2)]
                elif number < 2:
                    factors.append(self._factor(thread, 0 if number == 0 else 1))
        Evidence.objects.bulk_create(evidence, batch_size=BATCH)
        factors = Factor.objects.bulk_create(factors, batch_size=BATCH)
        actions = []
        for factor in factors:
            if factor.is_barrier:
                actions.append(
                    Action(
                        round_id=factor.thread.round_id,
                        thread=factor.thread,
                        factor=factor,
                        what=f"Follow up: {factor.text[:80]}",
                        owner_name="Team lead",
                        due_on=self.today + datetime.timedelta(days=60),
                    )
                )
        Action.objects.bulk_create(actions, batch_size=BATCH)

    def _factor(self, thread: Any, n: int) -> Any:
        from openpie.assessments.models import Factor

        if n == 0 and thread.position % 3 == 0 and self.kinds:
            kind = self.kinds[(thread.pk + n) % len(self.kinds)]
            return Factor(
                thread=thread,
                effect=Factor.Effect.HINDERS,
                control=Factor.Control.OUTSIDE,
                text=f"{kind.name}: waiting lists outside our control",
                barrier_kind=kind,
                flag_managers=True,
                funder="County council",
            )
        effect = Factor.Effect.HELPS if n == 1 else Factor.Effect.HINDERS
        return Factor(thread=thread, effect=effect, control=Factor.Control.WITHIN, text=f"Team habit {n}")


def generate(sizes: Sizes, *, force: bool = False, say: Any = print) -> dict[str, Any]:
    """Make the bench organisation (unless it is there with these sizes). Returns what was made and how fast."""
    from django.core.management import call_command
    from django.db import transaction

    from openpie.organisations.models import Organisation, Unit
    from openpie.organisations.services import organisation_create

    call_command("migrate", verbosity=0)
    if existing(sizes) and not force:
        say(f"Bench data is already there ({sizes.label}).")
        return {"sizes": asdict(sizes), "generated": False}
    started = time.monotonic()
    old = Organisation.objects.filter(slug=BENCH_SLUG).first()
    if old is not None:
        say("Removing the old bench data…")
        _remove(old)
    placements = 0
    with transaction.atomic():
        framework = _framework()
        organisation = organisation_create(name=f"Bench national network ({sizes.label})", kind="network")
        Organisation.objects.filter(pk=organisation.pk).update(slug=BENCH_SLUG)
        root = Unit.objects.get(organisation=organisation, parent=None)
        _, staff = _people(root, sizes)
        services = _tree(organisation, root, sizes)
        writer = Writer(
            framework=framework, templates=_thread_templates(framework, organisation, sizes), staff=staff, sizes=sizes
        )
        for first in range(0, len(services), 25):
            placements += writer.write(services[first : first + 25])
            say(f"  {min(first + 25, len(services))}/{len(services)} services, {placements} beads")
    _analyse()
    seconds = time.monotonic() - started
    say(f"Generated {sizes.label}: {placements} beads in {seconds:.1f} s.")
    return {"sizes": asdict(sizes), "generated": True, "placements": placements, "seconds": round(seconds, 1)}


def _analyse() -> None:
    """Fresh planner statistics (as autovacuum would gather in a while): without them PostgreSQL plans
    the first queries over 400,000 new rows badly, and the first timings would measure that."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _remove(organisation: Any) -> None:
    """Delete the bench organisation's rows table by table, children first (the ORM's cascade of
    400,000 rows would take minutes)."""
    from django.db import transaction

    from openpie.assessments.models import Action, Contribution, Evidence, Factor, Placement, Round, Thread
    from openpie.organisations.models import Unit

    within = {"round__unit__organisation": organisation}
    in_threads = {"thread__round__unit__organisation": organisation}
    with transaction.atomic():
        Round.objects.filter(unit__organisation=organisation).update(previous=None)
        for queryset in (
            Action.objects.filter(**within),
            Factor.objects.filter(**in_threads),
            Evidence.objects.filter(**in_threads),
            Placement.objects.filter(contribution__round__unit__organisation=organisation),
            Contribution.objects.filter(**within),
            Thread.objects.filter(**within),
        ):
            queryset._raw_delete(queryset.db)
        Round.objects.filter(unit__organisation=organisation).delete()
        for depth in sorted(set(Unit.objects.filter(organisation=organisation).values_list("depth", flat=True)))[::-1]:
            Unit.objects.filter(organisation=organisation, depth=depth).delete()
        organisation.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = Sizes()
    for name in ("units", "rounds", "threads", "contributions"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--force", action="store_true", help="Make the data afresh even if it is there.")
    options = parser.parse_args()
    setup_django()
    sizes = Sizes(options.units, options.rounds, options.threads, options.contributions)
    generate(sizes, force=options.force)


if __name__ == "__main__":
    main()
