"""Dates outside the window (2000-01-01 to 2100-12-31 by default) are refused, naming the field,
on every page and API operation where a person types one; dates inside it still work."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from openpie.assessments.forms.stages import CheckInForm
from openpie.assessments.models import Action, Round
from openpie.assessments.tests.api_operations import client_for_token
from openpie.common.dates import InDateWindow, window_message
from openpie.participation.models import ParticipationLink

FETCH: dict[str, Any] = {"HTTP_X_REQUESTED_WITH": "fetch"}
WINDOW = "must be between 1 January 2000 and 31 December 2100"
TOO_EARLY, TOO_LATE = datetime.date(1, 1, 1), datetime.date(9999, 12, 31)


def _parts(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


# The rule ---------------------------------------------------------------------------------------


def test_the_window_edges_are_inside_and_the_day_beyond_is_not():
    check = InDateWindow("Due date")
    check(datetime.date(2000, 1, 1))
    check(datetime.date(2100, 12, 31))
    check(None)
    for day in (datetime.date(1999, 12, 31), datetime.date(2101, 1, 1)):
        with pytest.raises(Exception, match="Due date must be between"):
            check(day)


@override_settings(OPENPIE_DATE_EARLIEST=datetime.date(2020, 1, 1), OPENPIE_DATE_LATEST=datetime.date(2030, 6, 30))
def test_the_window_comes_from_the_settings():
    assert window_message("Due date") == "Due date must be between 1 January 2020 and 30 June 2030"
    with pytest.raises(Exception, match="1 January 2020"):
        InDateWindow("Due date")(datetime.date(2019, 12, 31))


# Action due dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [TOO_EARLY, datetime.date(1999, 12, 31), TOO_LATE])
def test_an_action_due_date_outside_the_window_is_refused_and_nothing_saved(world, client_for, day):
    url = reverse("assessments:action-add", args=[world.round.round.pk])
    data = {"what": "Far away", "status": "planned", **_parts("due_on", day)}
    response = client_for(world.people.staff).post(url, data, **FETCH)
    assert response.status_code == 400
    errors = response.json()["errors"]["due_on"]
    if day.year < 1000:  # the date boxes already say a year of three figures is not a real date
        assert errors[0].startswith("Enter a real date")
    else:
        assert errors == [f"Due date {WINDOW}"]
    assert not Action.objects.filter(what="Far away").exists()


def test_an_action_due_date_in_the_window_is_saved(world, client_for):
    url = reverse("assessments:action-add", args=[world.round.round.pk])
    data = {"what": "Soon", "status": "planned", **_parts("due_on", datetime.date(2100, 12, 31))}
    assert client_for(world.people.staff).post(url, data).status_code == 302
    assert Action.objects.get(what="Soon").due_on == datetime.date(2100, 12, 31)


@pytest.mark.parametrize(
    ("due_on", "status"), [("0001-01-01", 422), ("1999-12-31", 422), ("9999-12-31", 422), ("2026-03-27", 201)]
)
def test_the_api_refuses_an_action_due_date_outside_the_window_on_its_field(world, due_on, status):
    api = client_for_token(world.people.staff)
    response = api.post(f"/rounds/{world.round.round.pk}/actions", {"what": "Dated", "due_on": due_on})
    assert response.status_code == status
    if status == 422:
        (error,) = response.json()["errors"]
        assert error["loc"][-1] == "due_on"
        assert error["msg"] == "Enter a date from 2000-01-01 to 2100-12-31"
        assert not Action.objects.filter(what="Dated").exists()


def test_the_check_in_date_names_its_field():
    form = CheckInForm(_parts("talk_again_on", TOO_LATE))
    assert form.errors["talk_again_on"] == [f"The date to talk again {WINDOW}"]


# Round dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("held_on", "refused"), [("0001-01-01", True), ("9999-12-31", True), ("2026-11-23", False)])
def test_a_round_date_outside_the_window_is_refused(world, client_for, held_on, refused):
    url = reverse("assessments:round-new", args=[world.tree.service.pk])
    data = {"form": "short", "framework": world.framework.pk, "held_on": held_on, "title": "Dated round"}
    response = client_for(world.people.staff).post(url, data)
    if refused:
        assert response.status_code == 200
        assert f"The date of the round {WINDOW}" in response.content.decode()
        assert not Round.objects.filter(title="Dated round").exists()
    else:
        assert response.status_code == 302
        assert Round.objects.get(title="Dated round").held_on == datetime.date(2026, 11, 23)


@pytest.mark.parametrize(("held_on", "status"), [("0001-01-01", 422), ("9999-12-31", 422), ("2026-11-23", 201)])
def test_the_api_refuses_a_round_date_outside_the_window(world, held_on, status):
    api = client_for_token(world.people.staff)
    body = {"form": "short", "framework_id": world.framework.pk, "held_on": held_on, "title": "API dated"}
    response = api.post(f"/units/{world.tree.service.pk}/rounds", body)
    assert response.status_code == status
    if status == 422:
        assert [e["loc"][-1] for e in response.json()["errors"]] == ["held_on"]
        assert not Round.objects.filter(title="API dated").exists()


# Participation link closing dates ---------------------------------------------------------------


@pytest.mark.parametrize(("day", "made"), [(TOO_LATE, False), (datetime.date(2101, 1, 1), False), (None, True)])
def test_a_link_closing_date_outside_the_window_is_refused(world, client_for, day, made):
    day = day or timezone.localdate() + datetime.timedelta(days=30)
    url = reverse("participation:links", args=[world.round.round.pk])
    response = client_for(world.people.lead).post(url, {"label": "Lounge", **_parts("expires_on", day)})
    assert ParticipationLink.objects.filter(label="Lounge").exists() is made
    if not made:
        assert response.status_code == 200
        assert f"Closing date {WINDOW}" in response.content.decode()


# Filters: the audit trail and the overview -----------------------------------------------------


@pytest.mark.parametrize(("field", "label"), [("date_from", "The start date"), ("date_to", "The end date")])
def test_the_audit_filters_refuse_a_date_outside_the_window(world, client_for, field, label):
    url = reverse("audit:list", args=[world.tree.organisation.pk])
    client = client_for(world.people.admin)
    refused = client.get(url, _parts(field, datetime.date(2101, 1, 1))).content.decode()
    assert f"{label} {WINDOW}" in refused
    fine = client.get(url, _parts(field, datetime.date(2026, 1, 1))).content.decode()
    assert WINDOW not in fine


@pytest.mark.parametrize(("value", "status"), [("0001-01-01", 422), ("9999-12-31", 422), ("2026-01-01", 200)])
def test_the_audit_api_refuses_a_filter_date_outside_the_window(world, value, status):
    api = client_for_token(world.people.admin)
    response = api.get(f"/organisations/{world.tree.organisation.pk}/audit-events?date_to={value}")
    assert response.status_code == status
    if status == 422:
        assert response.json()["errors"][0]["loc"] == ["query", "date_to"]


@pytest.mark.parametrize(("value", "refused"), [("0001-01-01", True), ("9999-12-31", True), ("2026-01-01", False)])
def test_the_overview_period_refuses_a_date_outside_the_window(world, client_for, value, refused):
    url = reverse("insights:overview", args=[world.tree.root.pk])
    html = client_for(world.people.admin).get(url, {"rounds": "period", "date_from": value}).content.decode()
    assert (f"The start date {WINDOW}" in html) is refused


@pytest.mark.parametrize(
    ("query", "status"),
    [("date_from=0001-01-01", 422), ("date_to=9999-12-31", 422), ("date_from=2026-01-01", 200)],
)
def test_the_overview_and_barriers_apis_refuse_a_period_outside_the_window(world, query, status):
    api = client_for_token(world.people.admin)
    assert api.get(f"/units/{world.tree.root.pk}/overview?{query}").status_code == status
    since = query.split("=")[1]
    assert api.get(f"/barriers/register?since={since}").status_code == status
