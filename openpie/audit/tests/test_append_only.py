"""The audit trail cannot be changed or deleted: not by the model, the queryset or raw SQL."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from openpie.accounts.tests.factories import UserFactory
from openpie.audit.maintenance import audit_maintenance
from openpie.audit.models import AppendOnlyError, AuditEvent
from openpie.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(tree):
    return audit_record(
        actor=UserFactory.create(), action="unit.change", target=tree.service, organisation=tree.organisation
    )


def test_the_model_refuses_to_save_an_existing_event_or_delete_one(event):
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "unit.change"


def test_the_queryset_refuses_update_and_delete(event):
    before = AuditEvent.objects.count()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == before


def test_the_database_rejects_an_update_in_raw_sql(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "unit.change"


def test_the_database_rejects_a_delete_in_raw_sql(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_maintenance_may_delete_but_never_update(event):
    with pytest.raises(DatabaseError, match="append-only"), audit_maintenance(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert not AuditEvent.objects.filter(pk=event.pk).exists()


def test_maintenance_ends_with_its_block(event):
    with audit_maintenance():
        pass
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def test_deleting_a_person_or_organisation_leaves_their_events_untouched():
    from openpie.organisations.models import Organisation

    person, organisation = UserFactory.create(), Organisation.objects.create(name="Gone", slug="gone")
    event = audit_record(actor=person, action="organisation.change", organisation=organisation)
    ids = (person.pk, organisation.pk)
    person.delete()
    organisation.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert (kept.actor_id, kept.organisation_id) == ids


def test_the_record_keeps_who_what_and_which_record(event, tree):
    assert event.organisation_id == tree.organisation.pk
    assert (event.target_type, event.target_id) == ("organisations.unit", str(tree.service.pk))


def test_someone_without_an_account_is_recorded_as_nobody(tree):
    from django.contrib.auth.models import AnonymousUser

    assert audit_record(actor=AnonymousUser(), action="participation.withdraw").actor_id is None


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_table_for_the_test_runner():
    audit_record(actor=None, action="unit.change")
    call_command("flush", verbosity=0, interactive=False)
    assert AuditEvent.objects.count() == 0
