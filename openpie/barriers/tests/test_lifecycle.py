import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from openpie.assessments import services as rounds
from openpie.assessments.models import Factor, Round
from openpie.assessments.selectors import round_threads
from openpie.audit.models import AuditEvent
from openpie.barriers import services
from openpie.barriers.counts import open_barriers
from openpie.barriers.lifecycle import barrier_status_set, moves_for
from openpie.barriers.models import BarrierStatusChange

pytestmark = pytest.mark.django_db


def _close(round_):
    rounds.round_submit(round_=round_)
    rounds.round_close(round_=round_)


def _next(world, held_on=None):
    _close(world.round.round)
    return rounds.round_next(previous=world.round.round, by=world.people.staff, held_on=held_on)


def test_an_open_barrier_is_carried_into_the_next_round_raised_then_still_open(world):
    first = world.round.round
    later = _next(world)

    carried = Factor.objects.get(thread__round=later, effect="hinders", control="outside")
    assert carried.text == "No move-on flats in the borough"
    assert carried.origin == world.round.barrier
    assert carried.raised_on == first.held_on
    assert carried.barrier_status == "open"
    # the helping factor is not carried; the barrier counts beside the new round's bead
    summary = next(s for s in round_threads(later) if s.thread.key == world.round.thread.key)
    assert [b.pk for b in summary.barriers] == [carried.pk]
    # carried again into the round after, still pointing at the barrier as first raised
    rounds.round_open(round_=later)
    _close(later)
    third = rounds.round_next(previous=later, by=world.people.staff, held_on=datetime.date(2027, 6, 1))
    again = Factor.objects.get(thread__round=third, effect="hinders")
    assert again.origin == world.round.barrier
    assert again.raised_on == first.held_on


def test_a_resolved_barrier_stops_being_carried(world):
    barrier_status_set(factor=world.round.barrier, to="resolved", by=world.people.staff)
    later = _next(world)
    assert not Factor.objects.filter(thread__round=later, effect="hinders").exists()


def test_a_first_response_makes_it_answered_dated_and_audited(world):
    services.barrier_respond(factor=world.round.barrier, by=world.people.manager, status="noted", text="Seen")
    services.barrier_respond(factor=world.round.barrier, by=world.people.admin, status="noted", text="Again")

    world.round.barrier.refresh_from_db()
    assert world.round.barrier.barrier_status == "answered"
    assert world.round.barrier.barrier_status_at is not None
    change = BarrierStatusChange.objects.get()
    assert (change.status, change.changed_by) == ("answered", world.people.manager)
    assert AuditEvent.objects.filter(action="barrier.status", detail__status="answered").count() == 1


def test_a_response_to_a_carried_copy_answers_the_barrier_and_every_copy(world):
    later = _next(world)
    carried = Factor.objects.get(thread__round=later, effect="hinders")
    services.barrier_respond(factor=carried, by=world.people.manager, status="noted", text="Seen")

    assert world.round.barrier.barrier_responses.count() == 1
    assert set(Factor.objects.filter(effect="hinders").values_list("barrier_status", flat=True)) == {"answered"}


def test_allowed_moves_and_refused_ones(world):
    barrier = world.round.barrier
    barrier_status_set(factor=barrier, to="change_agreed", by=world.people.manager, may_respond=True)
    barrier_status_set(factor=barrier, to="change_made", by=world.people.staff)
    with pytest.raises(ValidationError) as caught:
        barrier_status_set(factor=barrier, to="change_agreed", by=world.people.staff)
    assert "change made" in str(caught.value)
    # only the service closes it
    with pytest.raises(PermissionDenied):
        barrier_status_set(factor=barrier, to="resolved", by=world.people.manager, may_respond=True)
    barrier_status_set(factor=barrier, to="resolved", by=world.people.staff)
    with pytest.raises(ValidationError):
        barrier_status_set(factor=barrier, to="no_longer_relevant", by=world.people.staff)
    with pytest.raises(ValidationError):
        barrier_status_set(factor=barrier, to="sideways", by=world.people.staff)
    barrier.refresh_from_db()
    assert barrier.barrier_status == "resolved"
    assert list(BarrierStatusChange.objects.values_list("status", flat=True)) == [
        "change_agreed",
        "change_made",
        "resolved",
    ]


def test_a_read_only_member_cannot_move_a_barrier(world):
    with pytest.raises(PermissionDenied):
        barrier_status_set(factor=world.round.barrier, to="change_made", by=world.people.reader)
    assert moves_for(world.people.reader, world.round.barrier, may_respond=False) == []
    assert moves_for(world.people.staff, world.round.barrier, may_respond=False) == [
        "change_agreed",
        "change_made",
        "resolved",
        "no_longer_relevant",
    ]
    assert moves_for(world.people.manager, world.round.barrier, may_respond=True) == ["change_agreed", "change_made"]


def test_open_barriers_are_counted_once_per_unit_and_thread_as_of_a_date(world, django_assert_num_queries):
    service, key = world.tree.service, world.round.thread.key
    held = timezone.localdate() - datetime.timedelta(days=30)
    Round.objects.filter(pk=world.round.round.pk).update(held_on=held)
    world.round.round.refresh_from_db()
    _next(world)  # the barrier now sits in two rounds: counted once
    with django_assert_num_queries(1):
        assert open_barriers(units=[service], as_of=timezone.localdate()) == {(service.pk, key): 1}
    assert open_barriers(units=[service], as_of=held - datetime.timedelta(days=1)) == {}
    barrier_status_set(factor=world.round.barrier, to="no_longer_relevant", by=world.people.staff)
    assert open_barriers(units=[service.pk], as_of=timezone.localdate() + datetime.timedelta(days=1)) == {}
    assert open_barriers(units=[service.pk], as_of=timezone.localdate() - datetime.timedelta(days=1)) == {
        (service.pk, key): 1
    }
