"""The demo locality: a housing association (Riverside Housing Trust), a mental-health charity (Open
Minds Mental Health) and a council's commissioning team, with two years of rounds, barriers answered
and resolved, and grants in every scope. Idempotent: nothing is added once the charity exists.

Everything goes through the feature apps' services, as a person's clicks would; only the dates of
what happened (responses, status changes) are set afterwards to when the story says they happened.
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from openpie.accounts.models import User
from openpie.assessments import services as rounds
from openpie.assessments.models import Factor, Placement, Round
from openpie.barriers import calls
from openpie.barriers import services as barriers
from openpie.barriers.lifecycle import barrier_status_set
from openpie.barriers.models import BarrierResponse, BarrierStatusChange
from openpie.demo import locality_data as data
from openpie.demo.organisation import demo_person
from openpie.demo.rounds import demo_framework
from openpie.frameworks.models import BarrierKind, Framework
from openpie.organisations import services as organisations
from openpie.organisations.models import Membership, Organisation, Unit
from openpie.sharing import services as sharing
from openpie.sharing.models import SharingGrant


@dataclass(frozen=True)
class Cast:
    """Who does what in the story: the service's recorder, and the commissioner who answers."""

    recorder: Any
    commissioner: Any


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=datetime.UTC)


def _position(service: str, round_index: int, theme_index: int) -> int:
    """A team's bead: each service starts somewhere of its own and moves right over two years."""
    seed = zlib.crc32(f"{service}/{theme_index}".encode())
    start = 3 + seed % 6
    wobble = (seed >> 8) % 3 - 1 if round_index else 0
    return max(1, min(20, start + round_index * (1 + (seed >> 4) % 3) + wobble))


def _organisation(name: str, slug: str, kind: str) -> tuple[Organisation, Unit]:
    organisation = organisations.organisation_create(name=name, kind=kind)
    Organisation.objects.filter(pk=organisation.pk).update(slug=slug)
    organisation.slug = slug
    return organisation, Unit.objects.get(organisation=organisation, parent__isnull=True)


def _service(parent: Unit, name: str, client_group: str, service_type: str) -> Unit:
    return organisations.unit_create(
        parent=parent, name=name, kind="service", client_group=client_group, service_type=service_type
    )


def _record(round_: Round, service: str, index: int, by: Any) -> None:
    """The team's beads on the five themes (with targets in the latest round), and evidence on two."""
    placements = Placement.objects.select_related("thread__round__framework").filter(
        thread__round=round_, contribution__kind="team"
    )
    for placement in placements:
        key = placement.thread.key
        if key in data.THEMES:
            position = _position(service, index, data.THEMES.index(key))
            target = min(20, position + 3) if index == len(data.ROUND_DAYS_AGO) - 1 else None
            rounds.placement_record(
                placement=placement, version=placement.version, by=by, position=position, target=target
            )
    threads = {t.key: t for t in round_.threads.all()}
    for offset in (0, 2):
        key = data.THEMES[(index + offset + len(service)) % len(data.THEMES)]
        if key in threads:
            rounds.evidence_add(thread=threads[key], by=by, text=data.EVIDENCE[key][(index + offset) % 2])


def _raise(round_: Round, entry: data.Barrier, kinds: dict[str, BarrierKind], by: Any) -> Factor:
    _service_name, _index, theme, kind, text, funder, _story = entry
    factor = rounds.factor_add(
        thread=round_.threads.get(key=theme),
        by=by,
        effect="hinders",
        control="outside",
        text=text,
        barrier_kind=kinds.get(kind),
        flag_managers=True,
        funder=funder,
        shareable=True,
    )
    Factor.objects.filter(pk=factor.pk).update(created_at=_at(round_.held_on))
    return factor


def _tell(factor: Factor, story: data.Story, start: datetime.date, cast: Cast) -> None:
    """What happened to a barrier after it was raised, step by step: the first within days or weeks,
    each later one ``STEP_DAYS`` after the one before."""
    first = zlib.crc32(factor.text.encode()) % 40  # some answers come within days, some take weeks
    for number, step in enumerate(story):
        when = _at(start + datetime.timedelta(days=3 + first + data.STEP_DAYS * number))
        if step[0] == "respond":
            response = barriers.barrier_respond(factor=factor, by=cast.commissioner, status=step[1], text=step[2])
            BarrierResponse.objects.filter(pk=response.pk).update(created_at=when)
        elif step[0] in ("agreed", "made"):
            to = "change_agreed" if step[0] == "agreed" else "change_made"
            barrier_status_set(factor=factor, to=to, by=cast.commissioner, may_respond=True)
        else:
            to = "resolved" if step[0] == "resolved" else "no_longer_relevant"
            barrier_status_set(factor=factor, to=to, by=cast.recorder)
        factor.refresh_from_db()
        BarrierStatusChange.objects.filter(factor=factor, changed_at__gt=when).update(changed_at=when)
        Factor.objects.filter(pk=factor.pk).update(barrier_status_at=when)


def _history(unit: Unit, framework: Framework, cast: Cast, kinds: dict[str, BarrierKind]) -> None:
    """Four rounds over two years: each closed before the next opens (open barriers are carried)."""
    today = timezone.localdate()
    previous: Round | None = None
    for index, days_ago in enumerate(data.ROUND_DAYS_AGO):
        held = today - datetime.timedelta(days=days_ago)
        if previous is None:
            round_ = rounds.round_create(
                unit=unit, framework=framework, form=Round.Form.SHORT, by=cast.recorder, held_on=held
            )
        else:
            round_ = rounds.round_next(previous=previous, by=cast.recorder, held_on=held)
        rounds.round_open(round_=round_)
        _record(round_, unit.name, index, cast.recorder)
        for entry in data.BARRIERS:
            if entry[0] == unit.name and entry[1] == index:
                _tell(_raise(round_, entry, kinds, cast.recorder), entry[6], held, cast)
        if index < len(data.ROUND_DAYS_AGO) - 1:
            rounds.round_submit(round_=round_)
            rounds.round_close(round_=round_)
        previous = round_


def _grant(*, grantee: Organisation, unit: Unit, scope: str, asked_by: Any, agreed_by: Any) -> None:
    grant = sharing.grant_request(grantee=grantee, unit=unit, scope=scope, by=asked_by)
    sharing.grant_accept(grant=grant, by=agreed_by)


def _charity(password: str) -> tuple[Organisation, list[Unit], Any]:
    charity, root = _organisation(data.CHARITY_NAME, data.CHARITY_SLUG, Organisation.Kind.AGENCY)
    Organisation.objects.filter(pk=charity.pk).update(level_names=data.CHARITY_LEVELS)
    services = []
    for area, branches in data.CHARITY_TREE:
        parent = organisations.unit_create(
            parent=root, name=area, kind="locality", client_group="mental_health", service_type="none"
        )
        services += [_service(parent, name, group, kind) for name, group, kind in branches]
    lead = demo_person(data.CHARITY_LEAD, password)
    Membership.objects.get_or_create(user=lead, unit=root, defaults={"role": data.CHARITY_LEAD.role})
    return charity, services, lead


def _council(password: str) -> tuple[Organisation, Any]:
    council, root = _organisation(data.COUNCIL_NAME, data.COUNCIL_SLUG, Organisation.Kind.COMMISSIONER)
    commissioner = demo_person(data.COMMISSIONER, password)
    Membership.objects.get_or_create(user=commissioner, unit=root, defaults={"role": data.COMMISSIONER.role})
    return council, commissioner


def seed_demo_locality(*, organisation: Organisation, password: str) -> bool:
    """The charity, the council and Riverside's other services, with their history, if not there yet.
    The demo's people have made-up addresses: the emails responses send them go nowhere."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _seed_locality(organisation, password)


@transaction.atomic
def _seed_locality(organisation: Organisation, password: str) -> bool:
    framework = demo_framework(organisation)
    lead = User.objects.filter(email="lead@openpie.example").first()
    admin = User.objects.filter(email="admin@openpie.example").first()
    if framework is None or lead is None or Organisation.objects.filter(slug=data.CHARITY_SLUG).exists():
        return False
    units = {u.name: u for u in Unit.objects.filter(organisation=organisation)}
    for locality, name, group, kind in data.RIVERSIDE_SERVICES:
        units[name] = _service(units[locality], name, group, kind)
    charity, charity_services, charity_lead = _charity(password)
    council, commissioner = _council(password)
    riverside_root = Unit.objects.get(organisation=organisation, parent__isnull=True)
    charity_root = Unit.objects.get(organisation=charity, parent__isnull=True)
    _grant(grantee=council, unit=riverside_root, scope=SharingGrant.Scope.BOTH, asked_by=commissioner, agreed_by=admin)
    _grant(
        grantee=council,
        unit=charity_root,
        scope=SharingGrant.Scope.BARRIERS,
        asked_by=commissioner,
        agreed_by=charity_lead,
    )
    _grant(
        grantee=charity, unit=riverside_root, scope=SharingGrant.Scope.OVERVIEW, asked_by=charity_lead, agreed_by=admin
    )
    kinds = {k.key: k for k in BarrierKind.objects.filter(framework=framework)}
    for name in data.RIVERSIDE_HISTORY:
        _history(units[name], framework, Cast(lead, commissioner), kinds)
    for unit in charity_services:
        _history(unit, framework, Cast(charity_lead, commissioner), kinds)
    _call(
        council,
        commissioner,
        [units["South Locality"], Unit.objects.get(organisation=charity, name="Community Services")],
    )
    return True


def _call(council: Organisation, commissioner: Any, areas: list[Unit]) -> None:
    """The commissioner's locality call: every service in two areas asked to share this round's barriers."""
    today = timezone.localdate()
    calls.call_start(
        organisation=council,
        by=commissioner,
        areas=areas,
        message=data.CALL_MESSAGE,
        rounds_from=today - datetime.timedelta(days=120),
        answer_by=today + datetime.timedelta(days=21),
    )
