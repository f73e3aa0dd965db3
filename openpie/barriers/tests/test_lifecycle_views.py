import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from openpie.assessments import services as rounds
from openpie.barriers import services

pytestmark = pytest.mark.django_db


def _status(world) -> str:
    return reverse("barriers:status", args=[world.round.barrier.pk])


def test_the_service_marks_its_barrier_resolved_and_the_page_says_so(world, people, client_for):
    response = client_for(people.staff).post(_status(world), {"to": "resolved"})

    assert response.status_code == 302
    page = client_for(people.staff).get(reverse("barriers:detail", args=[world.round.barrier.pk])).content.decode()
    assert "Resolved" in page
    world.round.barrier.refresh_from_db()
    assert world.round.barrier.barrier_status == "resolved"


def test_a_manager_may_say_a_change_was_agreed_but_not_that_it_is_resolved(world, people, client_for):
    client = client_for(people.manager)
    refused = client.post(_status(world), {"to": "resolved"})
    assert refused.status_code == 400
    assert "Choose one of the changes shown" in refused.content.decode()
    assert client.post(_status(world), {"to": "change_agreed"}).status_code == 302


def test_a_move_from_the_wrong_status_is_refused_clearly_and_nothing_changes(world, people, client_for):
    client = client_for(people.staff)
    client.post(_status(world), {"to": "change_made"})
    response = client.post(_status(world), {"to": "change_agreed"})
    assert response.status_code == 400
    world.round.barrier.refresh_from_db()
    assert world.round.barrier.barrier_status == "change_made"


def test_read_only_gets_403_and_an_outsider_404(world, people, client_for):
    assert client_for(people.reader).post(_status(world), {"to": "resolved"}).status_code == 403
    assert client_for(people.outsider).post(_status(world), {"to": "resolved"}).status_code == 404
    world.round.barrier.refresh_from_db()
    assert world.round.barrier.barrier_status == "open"


def test_the_next_round_shows_the_barrier_raised_then_still_open(world, people, client_for):
    first = world.round.round
    rounds.round_submit(round_=first)
    rounds.round_close(round_=first)
    later = rounds.round_next(previous=first, by=people.staff)

    page = client_for(people.staff).get(reverse("assessments:round", args=[later.pk])).content.decode()
    assert "No move-on flats in the borough" in page
    assert f"Raised in {first.held_on:%B %Y}, still open" in page


def test_the_register_shows_how_barriers_are_answered_with_a_chosen_period(world, people, client_for):
    services.barrier_respond(factor=world.round.barrier, by=people.manager, status="noted", text="Seen")
    client = client_for(people.manager)
    page = client.get(reverse("barriers:register")).content.decode()
    assert "How barriers are answered" in page
    assert "100%" in page
    assert "(1 of 1)" in page

    today = timezone.localdate()
    earlier = today - datetime.timedelta(days=800)
    old = client.get(
        reverse("barriers:register"),
        {
            "rates_from_day": earlier.day,
            "rates_from_month": earlier.month,
            "rates_from_year": earlier.year,
            "rates_to_day": earlier.day,
            "rates_to_month": earlier.month,
            "rates_to_year": earlier.year,
        },
    ).content.decode()
    assert "No barriers were raised in these dates." in old


def test_a_date_outside_the_window_is_a_clear_error(world, people, client_for):
    response = client_for(people.manager).get(
        reverse("barriers:register"), {"rates_from_day": 1, "rates_from_month": 1, "rates_from_year": 1066}
    )
    assert "The start date must be between" in response.content.decode()


def test_the_service_sees_its_responders_rate_beside_its_barrier(world, people, client_for):
    services.barrier_respond(factor=world.round.barrier, by=people.manager, status="noted", text="Seen")
    page = client_for(people.staff).get(reverse("barriers:detail", args=[world.round.barrier.pk])).content.decode()
    assert 'id="responder-rates"' in page
    assert "answered 1 of 1 barriers" in page


def test_a_carried_barrier_counts_on_stage_one_and_in_the_report_until_resolved(world, people, client_for):
    first = world.round.round
    rounds.round_submit(round_=first)
    rounds.round_close(round_=first)
    later = rounds.round_next(previous=first, by=people.staff)
    client = client_for(people.staff)

    where = client.get(reverse("assessments:stage-where", args=[later.pk])).content.decode()
    assert "No move-on flats in the borough" in where
    assert "still open" in where
    report = client.get(reverse("assessments:report", args=[later.pk])).content.decode()
    assert "1 outside the team's control" in report

    client.post(_status(world), {"to": "resolved"})
    rounds.round_open(round_=later)
    rounds.round_submit(round_=later)
    rounds.round_close(round_=later)
    third = rounds.round_next(previous=later, by=people.staff)
    report = client.get(reverse("assessments:report", args=[third.pk])).content.decode()
    assert "No move-on flats in the borough" not in report
