import importlib

import pytest
from django.apps import apps

from openpie.assessments.models import Factor
from openpie.barriers.models import BarrierResponse, BarrierStatusChange

pytestmark = pytest.mark.django_db

migration = importlib.import_module("openpie.barriers.migrations.0002_status_changes_and_locality_calls")


def test_existing_barriers_are_open_or_answered_if_they_have_a_response(world, people):
    answered = world.round.barrier
    untouched = Factor.objects.create(
        thread=world.round.thread, effect="hinders", control="outside", text="Rents above housing benefit"
    )
    first = BarrierResponse.objects.create(factor=answered, responder=people.manager, status="noted", text="Seen")
    BarrierResponse.objects.create(factor=answered, responder=people.admin, status="noted", text="Later")

    migration.existing_barriers_answered(apps, None)

    answered.refresh_from_db()
    untouched.refresh_from_db()
    assert (answered.barrier_status, answered.barrier_status_at) == ("answered", first.created_at)
    assert untouched.barrier_status == "open"
    change = BarrierStatusChange.objects.get()
    assert (change.factor, change.changed_by) == (answered, people.manager)
