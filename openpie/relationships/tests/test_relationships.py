"""The relationships view of a round and of everything below a unit: grouped by thread, counted by kind,
matched words highlighted, text escaped, a fixed number of queries, and the same access as the round
and the overview."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openpie.api.api import api
from openpie.assessments import services
from openpie.assessments.tests.factories import make_round
from openpie.relationships.selectors import round_relationships, unit_relationships
from openpie.relationships.tests.api_operations import RELATIONSHIP_OPERATIONS

pytestmark = pytest.mark.django_db


def _fill(round_, by, *, n=1):
    """Relationship words in evidence, a factor and an action on two threads; and text without them."""
    first, second = list(round_.threads.order_by("position"))[:2]
    for i in range(n):
        services.evidence_add(thread=first, by=by, text=f"Residents trust their keyworker {i} <script>x</script>")
        services.evidence_add(thread=first, by=by, text=f"The fire doors were checked {i}")
        services.factor_add(thread=second, by=by, effect="helps", control="within", text=f"Consistent boundaries {i}")
        services.action_add(round_=round_, by=by, what=f"Build rapport at breakfast {i}", thread=second)
        services.action_add(round_=round_, by=by, what=f"Mend the entrust gate {i}")
    return first, second


@pytest.fixture
def open_round(tree, framework, people):
    round_ = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=round_)
    return round_


def test_a_round_s_relationship_practice_by_thread_and_kind(open_round, people):
    first, second = _fill(open_round, people.staff)
    found = round_relationships(round_=open_round)
    shown = {t.key: t for t in found.threads if t.total}
    assert set(shown) == {first.key, second.key}
    assert (len(shown[first.key].evidence), len(shown[first.key].factors)) == (1, 0)
    assert (len(shown[second.key].factors), len(shown[second.key].actions)) == (1, 1)
    assert found.totals == {"evidence": 1, "factors": 1, "actions": 1}
    mention = shown[first.key].evidence[0]
    assert mention.words == ("trust", "keyworker")
    assert "<mark>trust</mark>" in mention.text
    assert "&lt;script&gt;" in mention.text
    assert mention.url.endswith(f"#evidence-{first.evidence.first().pk}")


@pytest.mark.parametrize("n", [1, 4])
def test_the_round_view_takes_the_same_queries_however_much_is_recorded(
    open_round, people, n, django_assert_max_num_queries
):
    _fill(open_round, people.staff, n=n)
    with django_assert_max_num_queries(6):  # framework, own word list, threads, evidence, factors, actions
        found = round_relationships(round_=open_round)
    assert found.total == 3 * n


def test_the_page_highlights_safely_and_links_into_the_round(open_round, people, client_for):
    _fill(open_round, people.staff)
    response = client_for(people.reader).get(reverse("relationships:round", args=[open_round.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Residents <mark>trust</mark> their <mark>keyworker</mark>" in content
    assert "<script>x</script>" not in content
    assert "&lt;script&gt;x&lt;/script&gt;" in content
    assert "fire doors" not in content
    assert "entrust gate" not in content
    assert reverse("assessments:stage-factors", args=[open_round.pk]) in content


def test_the_round_page_links_to_the_view(open_round, people, client_for):
    content = client_for(people.staff).get(reverse("assessments:round", args=[open_round.pk])).content.decode()
    assert reverse("relationships:round", args=[open_round.pk]) in content


def test_the_overview_gathers_the_latest_round_of_each_unit(tree, framework, people, client_for):
    older = make_round(tree.service, framework, by=people.staff, held_on=datetime.date(2024, 1, 1))
    services.round_open(round_=older)
    services.evidence_add(thread=older.threads.order_by("position")[0], by=people.staff, text="Old trust story")
    latest = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=latest)
    services.evidence_add(thread=latest.threads.order_by("position")[0], by=people.staff, text="New trust story")
    team = make_round(tree.team, framework, by=people.staff)
    services.round_open(round_=team)
    night = team.threads.order_by("position")[0]
    services.evidence_add(thread=night, by=people.staff, text="Night team builds rapport")
    found = unit_relationships(unit=tree.locality)
    texts = [m.plain for t in found.threads for m in t.evidence]
    assert sorted(texts) == ["New trust story", "Night team builds rapport"]
    assert found.rounds == 2
    page = client_for(people.manager).get(reverse("relationships:unit", args=[tree.locality.pk])).content.decode()
    assert "Night team builds <mark>rapport</mark>" in page
    assert tree.team.name in page
    overview = client_for(people.manager).get(reverse("insights:overview", args=[tree.locality.pk])).content.decode()
    assert reverse("relationships:unit", args=[tree.locality.pk]) in overview


def test_the_overview_view_takes_the_same_queries_with_more_units(tree, framework, people, client_for):
    first = make_round(tree.service, framework, by=people.staff)
    services.round_open(round_=first)
    _fill(first, people.staff)
    client = client_for(people.admin)
    url = reverse("relationships:unit", args=[tree.root.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for unit in (tree.team, tree.locality):
        more = make_round(unit, framework, by=people.staff)
        services.round_open(round_=more)
        _fill(more, people.staff, n=2)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_another_organisation_gets_404(open_round, tree, people, client_for):
    client = client_for(people.outsider)
    assert client.get(reverse("relationships:round", args=[open_round.pk])).status_code == 404
    assert client.get(reverse("relationships:unit", args=[tree.service.pk])).status_code == 404


def test_only_get(open_round, tree, people, client_for):
    client = client_for(people.admin)
    assert client.post(reverse("relationships:round", args=[open_round.pk])).status_code == 405
    assert client.post(reverse("relationships:unit", args=[tree.service.pk])).status_code == 405


def test_a_commissioner_without_round_view_gets_403(open_round, tree, client_for):
    from openpie.accounts.tests.factories import UserFactory
    from openpie.organisations.tests.factories import grant

    commissioner = UserFactory.create()
    grant(commissioner, tree.root, "commissioner")
    assert client_for(commissioner).get(reverse("relationships:round", args=[open_round.pk])).status_code == 403
    assert client_for(commissioner).get(reverse("relationships:unit", args=[tree.root.pk])).status_code == 403


def test_the_api_gives_the_same_view_as_plain_text(open_round, tree, people, api_for):
    _fill(open_round, people.staff)
    body = api_for(people.reader).get(f"/rounds/{open_round.pk}/relationships").json()
    assert body["totals"] == {"evidence": 1, "factors": 1, "actions": 1}
    mention = body["threads"][0]["mentions"][0]
    assert mention["text"].startswith("Residents trust their keyworker")
    assert "<mark>" not in mention["text"]
    assert api_for(people.outsider).get(f"/rounds/{open_round.pk}/relationships").status_code == 404
    unit = api_for(people.admin).get(f"/units/{tree.root.pk}/relationships")
    assert unit.status_code == 200
    assert unit.json()["rounds"] == 1


@pytest.mark.parametrize(("method", "path"), RELATIONSHIP_OPERATIONS)
def test_the_api_operations_declare_their_errors(method, path):
    operation = api.get_openapi_schema()["paths"][path][method.lower()]
    assert {401, 404, 422} <= set(operation["responses"])
    assert operation["tags"] == ["Relationships"]
