"""The audit page and its export: admins of the organisation only, newest first, filtered, paged."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from openpie.audit.labels import ACTIONS
from openpie.audit.models import AuditEvent
from openpie.audit.services import audit_record
from openpie.audit_trail.views import PAGE_SIZE
from openpie.organisations.permissions import permission_table

pytestmark = pytest.mark.django_db


def _url(tree, name="audit:list"):
    return reverse(name, args=[tree.organisation.pk])


@pytest.fixture
def events(people, tree, other_tree):
    made = [
        audit_record(actor=people.lead, action="unit.change", target=tree.service, organisation=tree.organisation),
        audit_record(actor=people.staff, action="evidence.add", target=tree.team, organisation=tree.organisation),
        audit_record(
            actor=people.outsider, action="unit.change", target=other_tree.service, organisation=other_tree.organisation
        ),
    ]
    return made


def test_an_admin_sees_their_organisations_events_in_plain_english(client_for, people, tree, events):
    response = client_for(people.admin).get(_url(tree))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Changed a unit" in text
    assert "Added evidence" in text
    assert people.lead.get_full_name() in text
    assert people.outsider.get_full_name() not in text  # another organisation's event


def test_newest_first(client_for, people, tree, events):
    rows = client_for(people.admin).get(_url(tree)).context["rows"]
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)


@pytest.mark.parametrize(("persona", "status"), [("lead", 403), ("manager", 403), ("staff", 403), ("outsider", 404)])
def test_only_the_organisations_admins(client_for, people, tree, persona, status):
    assert client_for(getattr(people, persona)).get(_url(tree)).status_code == status
    assert client_for(getattr(people, persona)).get(_url(tree, "audit:export")).status_code == status


def test_wrong_method(client_for, people, tree):
    assert client_for(people.admin).post(_url(tree)).status_code == 405
    assert client_for(people.admin).post(_url(tree, "audit:export")).status_code == 405


def test_filters_by_who_what_and_kind(client_for, people, tree, events):
    client = client_for(people.admin)
    by_person = client.get(_url(tree), {"actor": people.staff.pk}).context["rows"]
    assert {r.action for r in by_person} == {"evidence.add"}
    by_action = client.get(_url(tree), {"action": "unit.change"}).context["rows"]
    assert {r.who for r in by_action} == {people.lead.get_full_name()}
    by_kind = client.get(_url(tree), {"record": "organisations.unit", "action": "evidence.add"}).context["rows"]
    assert len(by_kind) == 1


def test_filters_by_dates(client_for, people, tree):
    audit_record(actor=people.lead, action="unit.change", organisation=tree.organisation)
    AuditEvent.objects.create(
        actor=people.lead,
        organisation=tree.organisation,
        action="unit.add",
        at=timezone.now() - datetime.timedelta(days=40),
    )
    client = client_for(people.admin)
    day = timezone.localdate() - datetime.timedelta(days=40)
    only_then = client.get(
        _url(tree),
        {
            "date_from_day": day.day,
            "date_from_month": day.month,
            "date_from_year": day.year,
            "date_to_day": day.day,
            "date_to_month": day.month,
            "date_to_year": day.year,
        },
    ).context["rows"]
    assert [r.action for r in only_then] == ["unit.add"]


def test_a_wrong_filter_is_explained_and_shows_nothing(client_for, people, tree, events):
    response = client_for(people.admin).get(
        _url(tree), {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026", "actor": "999999"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter a real date" in text
    assert "Choose a person from the list" in text
    assert response.context["rows"] == []


def test_the_end_before_the_start_is_explained(client_for, people, tree):
    response = client_for(people.admin).get(
        _url(tree),
        {
            "date_from_day": "2",
            "date_from_month": "4",
            "date_from_year": "2026",
            "date_to_day": "1",
            "date_to_month": "4",
            "date_to_year": "2026",
        },
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_pages_of_fifty_in_a_fixed_number_of_queries(client_for, people, tree, django_assert_max_num_queries):
    AuditEvent.objects.bulk_create(
        AuditEvent(actor_id=people.staff.pk, organisation_id=tree.organisation.pk, action="placement.record")
        for _ in range(PAGE_SIZE * 2 + 5)
    )
    client = client_for(people.admin)
    client.get(_url(tree))  # warm the session
    with django_assert_max_num_queries(12):
        first = client.get(_url(tree))
    with django_assert_max_num_queries(12):
        last = client.get(_url(tree), {"page": 3})
    assert len(first.context["rows"]) == PAGE_SIZE
    assert last.context["page"].number == 3
    assert "Older" in first.content.decode()


def test_the_csv_export_has_exactly_the_filtered_rows(client_for, people, tree, events):
    response = client_for(people.admin).get(_url(tree, "audit:export"), {"action": "unit.change", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["When", "Who", "Person number", "What"]
    assert [r[3] for r in rows[1:]] == ["Changed a unit"]
    exported = AuditEvent.objects.filter(action="audit.export").get()
    assert exported.detail == {"format": "csv", "filter_action": "unit.change"}


def test_the_excel_export_opens_and_makes_formula_like_text_harmless(client_for, people, tree):
    people.lead.full_name = "=HYPERLINK(1)"
    people.lead.save()
    audit_record(actor=people.lead, action="unit.change", organisation=tree.organisation)
    response = client_for(people.admin).get(_url(tree, "audit:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][3] == "What"
    assert values[1][1:4] == ["'=HYPERLINK(1)", people.lead.pk, "Changed a unit"]


def test_an_unknown_export_format_is_explained(client_for, people, tree):
    response = client_for(people.admin).get(_url(tree, "audit:export"), {"format": "doc"})
    assert response.status_code == 400
    assert "Choose CSV or Excel" in response.content.decode()


def test_an_erased_or_deleted_person_shows_without_their_name(client_for, people, tree):
    from openpie.accounts.tests.factories import UserFactory

    gone = UserFactory.create(full_name="Gone Person")
    audit_record(actor=gone, action="unit.change", organisation=tree.organisation)
    audit_record(actor=None, action="participation.withdraw", organisation=tree.organisation)
    gone_pk = gone.pk
    gone.delete()
    text = client_for(people.admin).get(_url(tree)).content.decode()
    assert "Gone Person" not in text
    assert f"A deleted account (number {gone_pk})" in text
    assert "Someone without an account" in text


def test_every_action_recorded_anywhere_has_a_plain_english_label():
    """A new audit_record call without a label would show its code on the audit page."""
    code = Path(__file__).resolve().parents[2]
    found: set[str] = set()
    for path in code.rglob("*.py"):
        if "tests" not in path.parts and path.name != "labels.py":
            text = path.read_text()
            found |= set(re.findall(r'\baction="([a-z_]+\.[a-z_]+)"', text))
            found |= set(re.findall(r'_audit\([^()]*?"([a-z_]+\.[a-z_]+)"', text))
    permissions = set(permission_table())  # access helpers take action="round.view" and the like
    assert found - permissions - ACTIONS.keys() == set()
