"""Many voices among staff: members' own beads, facilitated sessions, the agreed position, voiding.

- ``round_invite_individuals``: the lead invites the team's members to place their own beads.
- ``contribution_for_member``: a member's own contribution (made on first use, one each).
- ``session_start`` / ``session_reveal`` / ``session_end``: a facilitated session in a meeting,
  where nobody sees anyone's beads until the lead reveals the overlay (and only once enough
  people have placed one).
- ``consensus_record``: the team's agreed bead, with the spread of views it was agreed from.
- ``contribution_void``: the lead sets aside a contribution (recorded in the audit trail).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.assessments.models import Contribution, Placement, Round, Thread, VotingSession
from openpie.assessments.overlay.privacy import small_group_threshold
from openpie.assessments.overlay.selectors import SERVICE_USERS, STAFF, round_overlay
from openpie.assessments.services.edits import clean_text
from openpie.assessments.services.stages import placement_record, require_editable
from openpie.audit.services import audit_record
from openpie.common.mail import in_language_of
from openpie.organisations.models import Membership, Role, Unit

State = Contribution.State
Kind = Contribution.Kind
CONTRIBUTING_ROLES = (Role.STAFF, Role.PIE_LEAD, Role.ORG_ADMIN)


def team_members(unit: Unit) -> list[Any]:
    """People who may place their own beads in the unit's rounds: staff, PIE leads and admins at or above it."""
    units = [*unit.ancestor_ids, unit.pk]
    memberships = Membership.objects.filter(unit_id__in=units, role__in=CONTRIBUTING_ROLES).select_related("user")
    return list({m.user_id: m.user for m in memberships if m.user.is_active}.values())


@transaction.atomic
def _invitation(round_: Round, url: str, person: Any) -> tuple[str, str, None, list[str]]:
    """The email inviting one person to place their own beads, in their language."""
    values = {"unit": round_.unit.name, "title": round_.title, "url": url}
    with in_language_of(person):
        subject = _("Your own beads: %(title)s") % values
        body = (
            _(
                "You are invited to place your own beads for %(unit)s in “%(title)s”.\n\n"
                "Your beads are yours: the team sees them only in the overlay, never with your name.\n\n%(url)s\n"
            )
            % values
        )
    return subject, body, None, [person.email]


def round_invite_individuals(*, round_: Round, by: Any, invite: bool = True) -> Round:
    """Invite (or stop inviting) the team's members to place their own beads; invited people get an email."""
    require_editable(round_)
    changed = Round.objects.filter(pk=round_.pk, invites_individuals=not invite).update(invites_individuals=invite)
    round_.invites_individuals = invite
    if changed and invite:
        url = settings.OPENPIE_BASE_URL + reverse("assessments:my-beads", args=[round_.pk])
        messages = [_invitation(round_, url, u) for u in team_members(round_.unit) if u != by]
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    audit_record(actor=by, action="round.invite_individuals", target=round_, organisation=round_.unit.organisation)
    return round_


def live_session(round_: Round) -> VotingSession | None:
    return round_.sessions.filter(ended_at=None).first()


def _may_contribute(round_: Round) -> None:
    require_editable(round_)
    if not round_.invites_individuals and live_session(round_) is None:
        raise ValidationError(_("This round is not asking for individual beads. Ask your PIE lead to invite the team."))


def contribution_for_member(*, round_: Round, user: Any) -> Contribution:
    """The person's own contribution to the round, with an empty bead on every thread."""
    found = Contribution.objects.filter(round=round_, kind=Kind.INDIVIDUAL, author=user).first()
    if found is not None:
        return found
    _may_contribute(round_)
    try:
        with transaction.atomic():
            mine = Contribution.objects.create(
                round=round_, kind=Kind.INDIVIDUAL, author=user, submitted_at=timezone.now()
            )
            Placement.objects.bulk_create(Placement(contribution=mine, thread=t) for t in round_.threads.all())
    except IntegrityError:  # made by a second request at the same moment
        return Contribution.objects.get(round=round_, kind=Kind.INDIVIDUAL, author=user)
    return mine


def own_placement_record(*, placement: Placement, version: int, by: Any, position: int | None) -> Placement:
    """A member moves their own bead (individual contributions carry no target)."""
    contribution = placement.contribution
    if contribution.kind != Kind.INDIVIDUAL or contribution.author_id != getattr(by, "pk", None):
        raise ValidationError(_("You can only move your own beads here."))
    if contribution.state != State.SUBMITTED:
        raise ValidationError(_("This contribution was set aside, so it cannot change."))
    _may_contribute(placement.thread.round)
    return placement_record(placement=placement, version=version, by=by, position=position, target=None)


# Facilitated sessions ---------------------------------------------------------------------------


def voters(round_: Round) -> int:
    """How many members have placed at least one of their own beads."""
    return (
        Contribution.objects.filter(round=round_, kind=Kind.INDIVIDUAL, state=State.SUBMITTED)
        .filter(placements__position__isnull=False)
        .distinct()
        .count()
    )


def session_start(*, round_: Round, by: Any) -> VotingSession:
    require_editable(round_)
    try:
        with transaction.atomic():
            session = VotingSession.objects.create(round=round_, started_by=by)
            audit_record(actor=by, action="session.start", target=round_, organisation=round_.unit.organisation_id)
    except IntegrityError:
        raise ValidationError(_("A session is already running for this round.")) from None
    return session


def session_reveal(*, session: VotingSession, by: Any) -> VotingSession:
    """Show everyone the overlay, once enough people have placed a bead for no group to be too small."""
    needed = small_group_threshold()
    if voters(session.round) < needed:
        raise ValidationError(
            _("Wait until at least %(count)s people have placed their beads, so nobody can be singled out.")
            % {"count": needed}
        )
    changed = VotingSession.objects.filter(pk=session.pk, ended_at=None, revealed_at=None).update(
        revealed_at=timezone.now()
    )
    session.refresh_from_db()
    if not changed and session.ended_at is not None:
        raise ValidationError(_("This session has ended."))
    if changed:
        audit_record(actor=by, action="session.reveal", target=session.round, organisation=_org(session))
    return session


@transaction.atomic
def session_end(*, session: VotingSession, by: Any) -> VotingSession:
    if VotingSession.objects.filter(pk=session.pk, ended_at=None).update(ended_at=timezone.now()):
        audit_record(actor=by, action="session.end", target=session.round, organisation=_org(session))
    session.refresh_from_db()
    return session


def _org(session: VotingSession) -> int:
    return session.round.unit.organisation_id


# The agreed position ----------------------------------------------------------------------------


def _spread_snapshot(round_: Round, thread: Thread) -> dict[str, Any]:
    """The spread of views the agreement came from: only groups large enough to show."""
    overlay = round_overlay(round_)
    found = next(t for t in overlay.threads if t.summary.thread.pk == thread.pk)
    snapshot: dict[str, Any] = {"agreed_at": timezone.now().isoformat()}
    for key in (STAFF, SERVICE_USERS):
        group = found.group(key)
        if group.spread is not None:
            snapshot[key] = {**group.spread.as_dict(), "agreement": group.agreement}
    return snapshot


@transaction.atomic
def consensus_record(*, round_: Round, thread: Thread, position: int, version: int, by: Any) -> Placement:
    """Record the team's agreed bead on a thread, with the spread it was agreed from."""
    team = (
        Placement.objects.select_related("thread")
        .filter(contribution__round=round_, contribution__kind=Kind.TEAM, thread=thread)
        .first()
    )
    if team is None:
        raise ValidationError(_("This thread is not part of the round."))
    team.thread.round = round_
    placement = placement_record(placement=team, version=version, by=by, position=position, target=team.target)
    placement.agreed_from = _spread_snapshot(round_, thread)
    placement.save(update_fields=["agreed_from"])
    return placement


# Setting a contribution aside -------------------------------------------------------------------


@transaction.atomic
def contribution_void(*, contribution: Contribution, by: Any, reason: str) -> Contribution:
    """Set aside a contribution (say, a spoiled or abusive one): it no longer counts anywhere."""
    if contribution.kind == Kind.TEAM:
        raise ValidationError(_("The team's agreed view cannot be voided."))
    reason = clean_text(reason, field="reason", label=_("Why it is being voided"), limit=300)
    changed = Contribution.objects.filter(pk=contribution.pk, state__in=[State.STARTED, State.SUBMITTED]).update(
        state=State.VOIDED, ended_at=timezone.now(), voided_by=by, void_reason=reason
    )
    contribution.refresh_from_db()
    if not changed:
        raise ValidationError(
            _("This contribution is already %(state)s.") % {"state": contribution.get_state_display().lower()}
        )
    audit_record(
        actor=by,
        action="contribution.void",
        target=contribution,
        organisation=contribution.round.unit.organisation,
        kind=contribution.kind,
    )
    return contribution
