"""Retention rules: each organisation says how long it keeps service users' words, names given
through closed links, and its audit trail; ``retention_apply`` (``manage.py apply_retention``,
and a daily task) applies them. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from openpie.assessments.models import Contribution, Placement
from openpie.audit.maintenance import audit_maintenance
from openpie.audit.services import audit_record
from openpie.organisations.models import Organisation
from openpie.privacy.models import AUDIT_YEARS_DEFAULT, RetentionPolicy

USER = Contribution.Kind.SERVICE_USER


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` calendar months earlier (the last day when that month is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_policy_for(organisation: Organisation) -> RetentionPolicy:
    """The organisation's rules; the defaults (unsaved) if it has never set any."""
    found = RetentionPolicy.objects.filter(organisation=organisation).first()
    return found or RetentionPolicy(organisation=organisation)


@transaction.atomic
def retention_set(
    *,
    organisation: Organisation,
    by: Any,
    service_user_text_months: int | None,
    closed_link_names_months: int | None,
    audit_years: int,
) -> RetentionPolicy:
    values = {
        "service_user_text_months": service_user_text_months,
        "closed_link_names_months": closed_link_names_months,
        "audit_years": audit_years,
    }
    policy, _ = RetentionPolicy.objects.update_or_create(
        organisation=organisation, defaults={**values, "updated_at": timezone.now()}
    )
    audit_record(actor=by, action="privacy.retention_change", target=policy, organisation=organisation, **values)
    return policy


@dataclass
class RetentionDone:
    """What one run did for one organisation (counts only)."""

    organisation: str
    comments_removed: int = 0
    names_removed: int = 0
    audit_events_deleted: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.comments_removed or self.names_removed or self.audit_events_deleted)

    def __str__(self) -> str:
        return (
            f"{self.organisation}: removed {self.comments_removed} service users' comments and "
            f"{self.names_removed} names; deleted {self.audit_events_deleted} audit events"
        )


def _service_users_words(organisation: Organisation, cutoff: datetime.datetime) -> tuple[int, int]:
    old = Q(submitted_at__lt=cutoff) | Q(submitted_at__isnull=True, created_at__lt=cutoff)
    contributions = Contribution.objects.filter(old, kind=USER, round__unit__organisation=organisation)
    comments = (
        Placement.objects.filter(contribution__in=contributions.values("pk")).exclude(comment="").update(comment="")
    )
    names = contributions.exclude(display_name="").update(display_name="")
    return comments, names


def _closed_link_names(organisation: Organisation, cutoff: datetime.datetime) -> int:
    ended = Q(participation__link__closed_at__lt=cutoff) | Q(
        participation__link__closed_at__isnull=True, participation__link__expires_at__lt=cutoff
    )
    found = Contribution.objects.filter(ended, kind=USER, round__unit__organisation=organisation)
    return Contribution.objects.filter(pk__in=found.values("pk")).exclude(display_name="").update(display_name="")


def _purge_audit(organisation_id: int | None, before: datetime.datetime) -> int:
    """Delete old events: the one place the app may (see openpie/audit/maintenance.py); never an update."""
    where = "organisation_id = %s" if organisation_id is not None else "organisation_id IS NULL"
    params: list[Any] = [organisation_id] if organisation_id is not None else []
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM audit_auditevent WHERE {where} AND at < %s", [*params, before])  # noqa: S608
        return cursor.rowcount


def _apply_one(policy: RetentionPolicy, now: datetime.datetime) -> RetentionDone:
    organisation = policy.organisation
    done = RetentionDone(organisation.name)
    with transaction.atomic():
        if policy.service_user_text_months:
            done.comments_removed, done.names_removed = _service_users_words(
                organisation, months_before(now, policy.service_user_text_months)
            )
        if policy.closed_link_names_months:
            done.names_removed += _closed_link_names(organisation, months_before(now, policy.closed_link_names_months))
        done.audit_events_deleted = _purge_audit(organisation.pk, months_before(now, 12 * policy.audit_years))
        if done.changed:
            counts = {k: v for k, v in vars(done).items() if isinstance(v, int)}
            target = policy if policy.pk else None
            audit_record(
                actor=None, action="privacy.retention_apply", target=target, organisation=organisation, **counts
            )
        if policy.pk:
            policy.last_applied_at = now
            policy.save(update_fields=["last_applied_at"])
    return done


def retention_apply(*, now: datetime.datetime | None = None) -> list[RetentionDone]:
    """Apply every organisation's rules, or the defaults where it set none (one transaction each);
    events without an organisation (say, a failed sign-in) are kept for the default number of years."""
    now = now or timezone.now()
    policies = {p.organisation_id: p for p in RetentionPolicy.objects.all()}
    done = [
        _apply_one(policies.get(o.pk) or RetentionPolicy(organisation=o), now)
        for o in Organisation.objects.order_by("pk")
    ]
    with transaction.atomic():
        deleted = _purge_audit(None, months_before(now, 12 * AUDIT_YEARS_DEFAULT))
    done.append(RetentionDone("Events not tied to an organisation", audit_events_deleted=deleted))
    return done
