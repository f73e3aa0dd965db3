"""The tenant-isolation crawl: nothing of another organisation reaches anyone in this one.

Eastgate (the other organisation) gets a round with one of everything, a barrier response, service
users' answers with comments, a participation link, an invitation, its own wording and local element,
an export, an API token and a sharing grant to a third body; then every text field and file of every
row it owns is marked with a unique canary (``canaries.plant``, through the model registry).

Every persona of Riverside then opens every page of the access table (with Riverside's ids and with
Eastgate's), every page without parameters, every page and GET operation of the API with each of
Eastgate's ids in turn, and asks for every kind of export (made at once, as the worker would) and
reads the files. Any canary in a body, a header or a file fails.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import models, transaction
from django.test import Client
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404

from openpie.accounts.services import api_token_create
from openpie.accounts.tests.helpers import signed_in_client
from openpie.assessments.models import Contribution
from openpie.assessments.tests.api_operations import Voice, add_voices
from openpie.assessments.tests.factories import make_round_world
from openpie.barriers.services import barrier_respond
from openpie.exports.services import FORMATS, export_make, export_request
from openpie.frameworks.models import Theme
from openpie.frameworks.services import local_element_add, wording_set
from openpie.organisations.models import Membership, Organisation, Role, Unit
from openpie.organisations.services import invitation_create
from openpie.organisations.tests.route import Route, all_routes
from openpie.participation.services import participation_answer
from openpie.participation.tests.factories import make_link, start
from openpie.sharing.tests.conftest import make_county
from openpie.sharing.tests.factories import make_grant
from tests.security import canaries
from tests.security.api_routes import API_ROUTES, ApiRoute
from tests.security.figures import figures
from tests.security.pages import fill, pages

pytestmark = pytest.mark.django_db

PERSONAS = ("admin", "lead", "manager", "staff", "reader")
# Where the design shows another organisation's text on purpose: (where the canary was planted, page).
SHOWN_ON_PURPOSE = {
    # The sharing request form lists the organisations one may ask to share with.
    ("organisations.Organisation.name", "sharing:request"),
}
FIGURES = figures("canary crawl", "requests", "files", "canaries planted", "canary hits", "server errors")


def _eastgate(other_tree: Any, framework: Any, outsider: Any) -> Any:
    """One of everything in the other organisation, made through its services."""
    rw = make_round_world(other_tree.service, framework, by=outsider)
    barrier_respond(factor=rw.barrier, by=outsider, status="investigating", text="We asked the council")
    link = make_link(rw.round, by=outsider)
    answers = start(link, shares_comments=True, display_name="Sam")
    participation_answer(contribution=answers, thread=rw.thread, position=4, comment="More say in the rules")
    threads = {t.pk: 6 for t in rw.round.threads.all()}
    add_voices(rw.round, [Voice(Contribution.Kind.SERVICE_USER, threads, comment="Staff listen") for _ in range(6)])
    invitation_create(unit=other_tree.service, email="new@eastgate.example", role=Role.STAFF, invited_by=outsider)
    theme = Theme.objects.filter(framework=framework).order_by("position")[0]
    local_element_add(organisation=other_tree.organisation, theme=theme, name="Our garden", description="Grow")
    wording_set(
        organisation=other_tree.organisation,
        framework=framework,
        key="staff-support",
        name="Looking after staff",
        short_name="Staff care",
        description="How we look after each other",
        guiding_questions=["Who supports you?"],
        easy_read="Do staff get help?",
    )
    job = export_request(by=outsider, kind="round", fmt="csv", target=rw.round.pk)
    export_make(job_id=job.pk)
    api_token_create(user=outsider, name="Eastgate's reporting script")
    county = make_county("Eastgate County", "eastgate-county")
    make_grant(unit=other_tree.root, grantee=county.organisation, by=county.commissioner)
    Organisation.objects.filter(pk=other_tree.organisation.pk).update(research_opt_in=True)
    return rw


@pytest.fixture
def crawl(world, other_tree, in_process_requests) -> SimpleNamespace:
    Organisation.objects.filter(pk=world.tree.organisation.pk).update(research_opt_in=True)
    outsider = world.people.outsider
    before = canaries.snapshot()
    theirs = _eastgate(other_tree, world.framework, outsider)
    organisation = other_tree.organisation
    also: dict[type[models.Model], Any] = {
        Organisation: [organisation.pk],
        Unit: Unit.objects.filter(organisation=organisation).values_list("pk", flat=True),
        Membership: Membership.objects.filter(unit__organisation=organisation).values_list("pk", flat=True),
        type(outsider): [outsider.pk],
    }
    planted = canaries.plant(before, also)
    FIGURES.at_least("canaries planted", len(planted.where))
    after = canaries.snapshot()
    their_ids = sorted({pk for model, pks in after.items() for pk in pks - before.get(model, set())} | {outsider.pk})
    people = SimpleNamespace(**dict.fromkeys(("admin", "lead", "manager", "staff", "reader", "outsider"), outsider))
    eastgate = SimpleNamespace(tree=other_tree, framework=world.framework, round=theirs, people=people)
    return SimpleNamespace(world=world, eastgate=eastgate, planted=planted, their_ids=their_ids)


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


class Crawler:
    def __init__(self, crawl: SimpleNamespace, persona: str) -> None:
        self.crawl = crawl
        self.persona = persona
        self.client = signed_in_client(getattr(crawl.world.people, persona))
        self.hits: list[str] = []

    def check(self, what: str, body: bytes, headers: Any = (), page: str = "") -> None:
        for n in canaries.find(body, headers):
            if (self.crawl.planted.where[n].split(" ")[0], page) in SHOWN_ON_PURPOSE:
                continue
            self.hits.append(f"{self.persona}: {what} shows {canaries.canary(n)} ({self.crawl.planted.where[n]})")

    def get(self, path: str | Any) -> int:
        with transaction.atomic():
            if callable(path):
                path = path()
            response = self.client.get(path)
            transaction.set_rollback(True)
        FIGURES.add("requests")
        if response.status_code >= 500:
            FIGURES.add("server errors")
            self.hits.append(f"{self.persona}: {path} answered {response.status_code}")
        body = _body(response)
        try:
            page = resolve(path.split("?")[0]).view_name
        except Resolver404:
            page = ""
        self.check(f"GET {path}", body, response.items(), page)
        return response.status_code


def _pages(crawler: Crawler, crawl: SimpleNamespace, sweep: bool) -> None:
    table = all_routes()
    for route in table.values():
        if isinstance(route, Route):
            crawler.get(lambda r=route: r.url(crawl.world))
            crawler.get(lambda r=route: r.url(crawl.eastgate))
    for name, route, converters in pages():
        if not converters:
            crawler.get(fill(route, ""))
        elif sweep and set(converters) == {"int"} and not isinstance(table.get(name), Route):
            # A page the table guards in words: every id of the other organisation's rows in turn.
            for pk in crawl.their_ids:
                if crawler.get(fill(route, pk)) == 405:  # POST only
                    break


def _api(crawler: Crawler, crawl: SimpleNamespace, user: Any, sweep: bool) -> None:
    for key, operation in API_ROUTES.items():
        method, path = key.split(" ", 1)
        if method != "GET":
            continue
        if isinstance(operation, ApiRoute):
            for where in (crawl.world, crawl.eastgate):
                crawler.get(lambda op=operation, w=where: op.request(w, user)[0])
        if sweep and "{" in path and not isinstance(operation, ApiRoute):
            for pk in crawl.their_ids:
                crawler.get(re.sub(r"\{\w+\}", str(pk), path))


def _exports(crawler: Crawler, crawl: SimpleNamespace, user: Any) -> None:
    tree = crawl.world.tree
    targets = {
        "round": crawl.world.round.round.pk,
        "subtree": tree.root.pk,
        "register": None,
        "overview_pdf": tree.root.pk,
        "research": tree.organisation.pk,
    }
    for kind, formats in FORMATS.items():
        for fmt in formats:
            with transaction.atomic():
                try:
                    job = export_request(by=user, kind=kind, fmt=fmt, target=targets.get(kind))
                    job = export_make(job_id=job.pk)
                except Exception:  # refused for this person (403/404/422): nothing to read
                    transaction.set_rollback(True)
                    continue
                if job.file:
                    with job.file.open("rb") as handle:
                        crawler.check(f"export {kind}.{fmt}", handle.read())
                    FIGURES.add("files")
                transaction.set_rollback(True)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_canary_of_another_organisation_reaches_anyone(persona, crawl):
    crawler = Crawler(crawl, persona)
    user = getattr(crawl.world.people, persona)
    sweep = persona == "admin"  # the widest role sweeps every id; the others open the table's pages
    _pages(crawler, crawl, sweep)
    crawler.client.logout()
    api = Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='Crawl')[1]}"})
    crawler.client = api
    _api(crawler, crawl, user, sweep)
    _exports(crawler, crawl, user)
    FIGURES.add("canary hits", sum(1 for hit in crawler.hits if " shows " in hit))
    FIGURES.notes.extend(crawler.hits)
    assert not crawler.hits, "\n".join(crawler.hits[:50])


def test_the_other_organisation_sees_its_own_canaries(crawl):
    """The marks are where pages show them: Eastgate's own admin meets them on its round's pages and files."""
    client = signed_in_client(crawl.eastgate.people.admin)
    theirs = crawl.eastgate.round
    page = client.get(reverse("assessments:stage-evidence", args=[theirs.round.pk]))
    file = client.get(reverse("assessments:evidence-file", args=[theirs.file_evidence.pk]))
    assert canaries.find(page.content), "the other organisation's evidence page shows none of its canaries"
    assert canaries.find(_body(file))
