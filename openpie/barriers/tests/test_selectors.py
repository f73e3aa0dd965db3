import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from openpie.accounts.tests.factories import UserFactory
from openpie.assessments import services as assessment_services
from openpie.assessments.models import Round
from openpie.assessments.tests.factories import make_round
from openpie.barriers import selectors, services
from openpie.barriers.models import BarrierResponse
from openpie.barriers.selectors import TEXT_NOT_SHARED, RegisterFilters, last_quarters
from openpie.barriers.tests.factories import add_barrier, kinds, open_round
from openpie.organisations import services as organisation_services
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant
from openpie.sharing.tests.factories import make_grant

pytestmark = pytest.mark.django_db


def test_barriers_are_grouped_by_kind_with_the_services_raising_each(people, tree, framework):
    move_on, thresholds = kinds(framework)[:2]
    team_round = open_round(tree.team, framework)
    service_round = open_round(tree.service, framework)
    add_barrier(service_round, move_on)
    add_barrier(service_round, move_on, text="Waiting lists")
    add_barrier(team_round, move_on)
    add_barrier(team_round, thresholds)

    register = selectors.barrier_register(viewer=people.manager)

    rows = {row.kind: row for row in register.rows}
    assert (rows[move_on].barriers, rows[move_on].services) == (3, 2)
    assert (rows[thresholds].barriers, rows[thresholds].services) == (1, 1)
    assert register.rows[0].kind == move_on  # most barriers first
    assert (register.barriers, register.services, register.unanswered) == (4, 2, 4)


def test_draft_rounds_helps_and_within_control_hindrances_are_not_in_the_register(people, tree, framework):
    kind = kinds(framework)[0]
    draft = make_round(tree.service, framework)
    thread = draft.threads.first()
    assert thread is not None
    assessment_services.factor_add(
        thread=thread, by=None, effect="hinders", control="outside", text="x", barrier_kind=kind, flag_managers=True
    )
    round_ = open_round(tree.team, framework)
    thread = round_.threads.first()
    assert thread is not None
    assessment_services.factor_add(thread=thread, by=None, effect="hinders", control="within", text="Rota gaps")
    assessment_services.factor_add(thread=thread, by=None, effect="helps", control="outside", text="A grant")

    assert selectors.barrier_register(viewer=people.admin).barriers == 0


def test_the_trend_counts_barriers_per_quarter_by_the_date_of_the_round(people, tree, framework):
    kind = kinds(framework)[0]
    today = datetime.date(2026, 11, 23)
    add_barrier(open_round(tree.service, framework, held_on=datetime.date(2026, 10, 2)), kind)
    add_barrier(open_round(tree.team, framework, held_on=datetime.date(2026, 2, 14)), kind)
    add_barrier(open_round(tree.locality, framework, held_on=datetime.date(2023, 1, 1)), kind)  # too long ago

    register = selectors.barrier_register(viewer=people.admin, today=today)

    assert register.quarter_labels[0] == "2025 Q1"
    assert register.quarter_labels[-1] == "2026 Q4"
    trend = register.rows[0].trend
    assert trend[register.quarter_labels.index("2026 Q4")] == 1
    assert trend[register.quarter_labels.index("2026 Q1")] == 1
    assert sum(trend) == 2
    assert register.rows[0].barriers == 3


def test_last_quarters_cross_the_new_year():
    assert last_quarters(datetime.date(2026, 2, 1), 3) == [(2025, 3), (2025, 4), (2026, 1)]


def test_time_to_first_response_is_the_median_in_days_and_unanswered_are_counted(people, tree, framework):
    kind = kinds(framework)[0]
    round_ = open_round(tree.service, framework)
    barriers = [add_barrier(round_, kind, text=f"Barrier {i}") for i in range(4)]
    now = timezone.now()
    for barrier, days in zip(barriers[:3], (2, 4, 10), strict=True):
        barrier.created_at = now - timedelta(days=days + 1)
        barrier.save(update_fields=["created_at"])
        first = services.barrier_respond(factor=barrier, by=people.manager, status="noted", text="Seen")
        BarrierResponse.objects.filter(pk=first.pk).update(created_at=now - timedelta(days=1))
        services.barrier_respond(factor=barrier, by=people.manager, status="investigating", text="Later")

    row = selectors.barrier_register(viewer=people.admin).rows[0]

    assert row.median_days_to_response == pytest.approx(4.0, abs=0.1)
    assert row.unanswered == 1


def test_filters_narrow_the_register_by_area_client_group_and_service_type(people, tree, other_tree, framework):
    kind = kinds(framework)[0]
    add_barrier(open_round(tree.service, framework), kind)
    elsewhere = organisation_services.unit_create(
        parent=tree.root, name="Day centre", kind="service", client_group="mental_health", service_type="day_centre"
    )
    add_barrier(open_round(elsewhere, framework), kind)

    def count(**filters):
        return selectors.barrier_register(viewer=people.admin, filters=RegisterFilters(**filters)).barriers

    assert count() == 2
    assert count(locality=tree.locality) == 1
    assert count(client_group="mental_health") == 1
    assert count(service_type="hostel") == 1
    assert count(service_type="outreach") == 0


def test_a_person_sees_only_barriers_of_units_they_can_see(people, tree, other_tree, framework):
    kind = kinds(framework)[0]
    add_barrier(open_round(tree.service, framework), kind)
    add_barrier(open_round(other_tree.service, framework), kind)

    assert selectors.barrier_register(viewer=people.staff).barriers == 1
    assert selectors.barrier_register(viewer=people.outsider).barriers == 1
    assert selectors.barriers_of_kind(viewer=people.outsider, kind=kind)[0].unit == other_tree.service


def test_text_is_shown_to_its_own_organisation_and_elsewhere_only_when_shareable(people, tree, other_tree, framework):
    kind = kinds(framework)[0]
    round_ = open_round(tree.service, framework)
    add_barrier(round_, kind, text="Kept inside", shareable=False)
    add_barrier(round_, kind, text="Shared words", shareable=True)
    make_grant(unit=tree.root, grantee=other_tree.organisation, scope="barriers")
    commissioner = UserFactory.create(email="commissioner@eastgate.example")
    grant(commissioner, other_tree.root, Role.COMMISSIONER)

    own = {item.text for item in selectors.barriers_of_kind(viewer=people.reader, kind=kind)}
    shared = {item.text for item in selectors.barriers_of_kind(viewer=commissioner, kind=kind)}

    assert own == {"Kept inside", "Shared words"}
    assert shared == {TEXT_NOT_SHARED, "Shared words"}


def test_units_shared_for_the_overview_only_are_not_in_the_register(people, tree, other_tree, framework):
    add_barrier(open_round(tree.service, framework), kinds(framework)[0])
    make_grant(unit=tree.root, grantee=other_tree.organisation, scope="overview")

    assert selectors.barrier_register(viewer=people.outsider).barriers == 0


def _fill(tree, framework, count: int, by) -> None:
    all_kinds = kinds(framework)
    units = [tree.service, tree.team, tree.locality]
    for i in range(count):
        round_ = Round.objects.filter(unit=units[i % 3]).first() or open_round(units[i % 3], framework)
        barrier = add_barrier(round_, all_kinds[i % len(all_kinds)], text=f"Barrier {i}", thread_index=i % 3)
        if i % 2:
            services.barrier_respond(factor=barrier, by=by, status="noted", text="Seen")


@pytest.mark.parametrize("reader", ["register", "kind"])
def test_the_query_count_does_not_grow_with_the_number_of_barriers(
    reader, people, tree, framework, django_assert_max_num_queries
):
    kind = kinds(framework)[0]

    def read():
        people.manager.__dict__.pop("_openpie_memberships", None)
        if reader == "register":
            selectors.barrier_register(viewer=people.manager)
        else:
            selectors.barriers_of_kind(viewer=people.manager, kind=kind)

    _fill(tree, framework, 5, people.manager)
    with django_assert_max_num_queries(8) as small:
        read()
    _fill(tree, framework, 45, people.manager)
    with django_assert_max_num_queries(len(small.captured_queries)):
        read()
