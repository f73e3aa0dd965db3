"""Worked examples of "How barriers are answered": exact response rates and median days."""

import datetime

import pytest

from openpie.assessments.models import Factor
from openpie.barriers import services
from openpie.barriers.counts import answer_rates
from openpie.barriers.lifecycle import barrier_status_set
from openpie.barriers.models import BarrierResponse
from openpie.barriers.tests.factories import add_barrier, kinds, open_round

pytestmark = pytest.mark.django_db


def _at(factor, when):
    Factor.objects.filter(pk=factor.pk).update(created_at=when)


def test_response_rate_median_days_and_changes_per_organisation_and_kind(world, people):
    round_ = open_round(world.tree.service, world.framework, held_on=datetime.date(2026, 5, 1))
    housing, money = kinds(world.framework)[:2]
    start = datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)
    barriers = [add_barrier(round_, housing, text=f"Housing {i}") for i in range(3)] + [
        add_barrier(round_, money, text="Money")
    ]
    for barrier in barriers:
        _at(barrier, start)
    # two of the three housing barriers answered, after 2 and 5 days; the money one after 10 days
    for barrier, days in ((barriers[0], 2), (barriers[1], 5), (barriers[3], 10)):
        response = services.barrier_respond(factor=barrier, by=people.manager, status="noted", text="Seen")
        BarrierResponse.objects.filter(pk=response.pk).update(created_at=start + datetime.timedelta(days=days))
    # a second, later response does not change the first answer's wait
    services.barrier_respond(factor=barriers[0], by=people.admin, status="noted", text="Again")
    barrier_status_set(factor=barriers[1], to="change_agreed", by=people.manager, may_respond=True)

    [riverside] = answer_rates(
        barriers=Factor.objects.all(), start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )

    assert riverside.organisation == world.tree.organisation
    overall = riverside.overall
    # world's own barrier (held today, inside the period) is the fifth one, unanswered
    assert (overall.seen, overall.answered) == (5, 3)
    assert overall.response_rate == 60
    assert overall.median_days == 5.0  # 2, 5 and 10 days
    assert (overall.changed, overall.changed_share) == (1, 20)
    by_kind = dict(riverside.kinds)
    assert (by_kind[money.name].seen, by_kind[money.name].answered, by_kind[money.name].median_days) == (1, 1, 10.0)


def test_a_barrier_outside_the_period_is_not_counted(world, people):
    rates = answer_rates(
        barriers=Factor.objects.all(),
        organisation_ids=[world.tree.organisation.pk],
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    assert rates == []


def test_an_organisation_counts_only_barriers_it_could_see(world, people, other_tree):
    # Eastgate answers nothing and sees none of Riverside's barriers (no grant): no row for it
    rates = answer_rates(
        barriers=Factor.objects.all(), organisation_ids=[other_tree.organisation.pk], start=None, end=None
    )
    assert [r.organisation for r in rates] == []
    services.barrier_respond(factor=world.round.barrier, by=people.manager, status="noted", text="Seen")
    rates = answer_rates(
        barriers=Factor.objects.all(), organisation_ids=[other_tree.organisation.pk], start=None, end=None
    )
    assert [(r.organisation, r.overall.response_rate) for r in rates] == [(world.tree.organisation, 100)]
