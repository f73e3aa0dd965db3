"""Retention rules: saved per organisation by its admins, applied daily by apply_retention (cron or a systemd timer),
with times moved forward. Applying twice changes nothing the second time."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from openpie.assessments.models import Contribution, Placement
from openpie.assessments.overlay.selectors import SERVICE_USERS, round_overlay
from openpie.audit.models import AuditEvent
from openpie.audit.services import audit_record
from openpie.participation import services as participation
from openpie.participation.models import ParticipationLink
from openpie.participation.tests.factories import answer_all, make_link, start
from openpie.privacy.models import RetentionPolicy
from openpie.privacy.services import retention_apply, retention_set
from openpie.privacy.services.retention import months_before

pytestmark = pytest.mark.django_db


def _later(months: int = 0, days: int = 0) -> datetime.datetime:
    return months_before(timezone.now(), -months) + datetime.timedelta(days=days)


@pytest.fixture
def voices(world):
    """Six service users who gave a name and a comment through a link."""
    link = make_link(world.round.round, by=world.people.lead)
    made = []
    for n in range(6):
        contribution = start(link, shares_comments=True, display_name=f"Sam{n}")
        answer_all(contribution, 4 + (n % 3), comment=f"More groups please {n}")
        participation.participation_finish(contribution=contribution)
        made.append(contribution)
    return link, made


def _rules(world, *, text: int | None, names: int | None, audit_years: int) -> None:
    retention_set(
        organisation=world.tree.organisation,
        by=world.people.admin,
        service_user_text_months=text,
        closed_link_names_months=names,
        audit_years=audit_years,
    )


def _words():
    users = Contribution.objects.filter(kind="service_user")
    comments = Placement.objects.filter(contribution__in=users).exclude(comment="").count()
    return comments, users.exclude(display_name="").count()


def test_months_before_keeps_the_day_or_takes_the_last():
    moment = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC)
    assert months_before(moment, 15) == datetime.datetime(2024, 12, 31, 12, tzinfo=datetime.UTC)


def test_service_users_words_go_after_the_months_but_their_beads_still_count(world, voices):
    _rules(world, text=6, names=None, audit_years=6)
    before = round_overlay(world.round.round).threads[0].group(SERVICE_USERS)
    assert _words() != (0, 0)

    retention_apply(now=_later(months=5))
    assert _words() != (0, 0)  # not yet

    done = retention_apply(now=_later(months=6, days=1))
    assert _words() == (0, 0)
    mine = next(d for d in done if d.organisation == "Riverside")
    assert (mine.comments_removed, mine.names_removed) == (6 * world.round.round.threads.count(), 6)
    after = round_overlay(world.round.round).threads[0].group(SERVICE_USERS)
    assert (after.count, after.positions) == (before.count, before.positions)
    event = AuditEvent.objects.get(action="privacy.retention_apply")
    assert event.detail["names_removed"] == 6
    assert event.actor_id is None


def test_applying_twice_changes_nothing_the_second_time(world, voices):
    _rules(world, text=1, names=None, audit_years=6)
    retention_apply(now=_later(months=2))
    events = AuditEvent.objects.count()
    again = retention_apply(now=_later(months=2))
    assert not any(d.changed for d in again)
    assert AuditEvent.objects.count() == events


def test_names_through_a_closed_link_go_after_the_months(world, voices):
    link, _made = voices
    _rules(world, text=None, names=3, audit_years=6)
    ParticipationLink.objects.filter(pk=link.pk).update(expires_at=_later(months=12))
    retention_apply(now=_later(months=4))
    assert _words()[1] == 6  # the link is still open
    participation.link_close(link=link, by=world.people.lead)
    retention_apply(now=_later(months=3, days=1))
    assert _words() == (6 * world.round.round.threads.count(), 0)  # names gone, comments kept


def test_no_rules_keep_everything(world, voices, other_tree):
    retention_apply(now=_later(months=120))
    assert _words() == (6 * world.round.round.threads.count(), 6)


def test_the_audit_trail_is_kept_for_its_years_then_deleted(world, other_tree):
    _rules(world, text=None, names=None, audit_years=2)
    old = AuditEvent.objects.create(organisation=world.tree.organisation, action="unit.change", at=_later(months=-25))
    theirs = AuditEvent.objects.create(
        organisation=other_tree.organisation, action="unit.change", at=_later(months=-25)
    )
    recent = audit_record(actor=None, action="unit.change", organisation=world.tree.organisation)
    done = retention_apply()
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk__in=[theirs.pk, recent.pk]).count() == 2  # theirs: the default 6 years
    assert next(d for d in done if d.organisation == "Riverside").audit_events_deleted == 1


def test_events_without_an_organisation_are_kept_six_years():
    kept = AuditEvent.objects.create(action="account.sign_in_failed", at=_later(months=-71))
    gone = AuditEvent.objects.create(action="account.sign_in_failed", at=_later(months=-73))
    retention_apply()
    assert list(AuditEvent.objects.filter(pk__in=[kept.pk, gone.pk]).values_list("pk", flat=True)) == [kept.pk]


def test_the_command_says_what_it_did(world, voices):
    _rules(world, text=1, names=None, audit_years=6)
    Contribution.objects.filter(kind="service_user").update(submitted_at=_later(months=-2))
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Riverside: removed" in out.getvalue()
    assert "6 names" in out.getvalue()
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Riverside: nothing to do" in out.getvalue()


def test_the_command_records_its_run_for_the_health_check(world):
    from openpie.operations.models import JobRun

    before = timezone.now()
    call_command("apply_retention", stdout=StringIO())
    run = JobRun.objects.get(name="retention")
    assert run.outcome == JobRun.Outcome.SUCCEEDED
    assert run.succeeded_at is not None
    assert run.succeeded_at >= before
    assert "Riverside" in run.message


def test_a_failing_run_is_recorded_as_failed(world, monkeypatch):
    from openpie.operations.models import JobRun

    def broken():
        raise RuntimeError("cannot delete")

    monkeypatch.setattr("openpie.privacy.management.commands.apply_retention.retention_apply", broken)
    with pytest.raises(RuntimeError):
        call_command("apply_retention", stdout=StringIO())
    run = JobRun.objects.get(name="retention")
    assert run.outcome == JobRun.Outcome.FAILED
    assert "cannot delete" in run.message
    assert run.succeeded_at is None


# The settings page --------------------------------------------------------------------------------


def _url(world):
    return reverse("privacy:retention", args=[world.tree.organisation.pk])


def test_an_admin_sets_the_rules(world, client_for):
    client = client_for(world.people.admin)
    page = client.get(_url(world))
    assert page.status_code == 200
    assert "Keep the audit trail for this many years" in page.content.decode()
    response = client.post(
        _url(world), {"service_user_text_months": "12", "closed_link_names_months": "", "audit_years": "3"}
    )
    assert response.status_code == 302
    policy = RetentionPolicy.objects.get(organisation=world.tree.organisation)
    assert (policy.service_user_text_months, policy.closed_link_names_months, policy.audit_years) == (12, None, 3)
    assert AuditEvent.objects.filter(action="privacy.retention_change", actor_id=world.people.admin.pk).exists()


def test_wrong_numbers_are_explained_and_nothing_saved_changes(world, client_for):
    client = client_for(world.people.admin)
    client.post(_url(world), {"service_user_text_months": "12", "closed_link_names_months": "", "audit_years": "3"})
    response = client.post(
        _url(world), {"service_user_text_months": "soon", "closed_link_names_months": "0", "audit_years": ""}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Enter a whole number of months, like 12" in text
    assert "Enter at least 1 month, or leave it empty to keep them" in text
    assert "Enter how many years to keep the audit trail" in text
    assert RetentionPolicy.objects.get(organisation=world.tree.organisation).service_user_text_months == 12


def test_the_audit_trail_cannot_be_kept_under_a_year(world, client_for):
    response = client_for(world.people.admin).post(_url(world), {"audit_years": "0"})
    assert "Keep the audit trail for at least 1 year" in response.content.decode()
    assert not RetentionPolicy.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("lead", 403), ("manager", 403), ("reader", 403), ("outsider", 404)])
def test_only_the_organisations_admins(world, client_for, persona, status):
    response = client_for(getattr(world.people, persona)).post(_url(world), {"audit_years": "1"})
    assert response.status_code == status
    assert not RetentionPolicy.objects.exists()


def test_wrong_method(world, client_for):
    assert client_for(world.people.admin).put(_url(world)).status_code == 405
