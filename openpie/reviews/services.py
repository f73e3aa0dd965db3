"""Every change to a peer review: invite, accept, comment and propose, finish, respond, revoke.

State changes are conditional UPDATEs from their allowed source states (a stale page cannot
undo a revocation), and each writes an audit event. The team's own beads are never changed:
the agreed position is kept on the thread review, next to them.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.scale import Scale
from openpie.assessments.services.edits import clean_text
from openpie.audit.services import audit_record
from openpie.common.mail import in_language_of
from openpie.organisations.access import memberships_for, roles_at
from openpie.organisations.models import Unit
from openpie.participation.codes import keyed_hash
from openpie.reviews.models import PeerReview, ThreadReview

if TYPE_CHECKING:
    from openpie.accounts.models import User

State = PeerReview.State
Response = ThreadReview.Response
INVITATION_HASH_PURPOSE = "peer-review-invitation"
NOTE_LIMIT = 3000


class ReviewStateError(ValidationError):
    """The review is no longer in a state that allows this change (the API answers 409)."""


def token_hash(token: str) -> str:
    return keyed_hash(token, purpose=INVITATION_HASH_PURPOSE)


def review_for_token(token: str) -> PeerReview | None:
    return (
        PeerReview.objects.select_related("round", "round__unit", "round__unit__organisation", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _audit(review: PeerReview, by: Any, action: str, **detail: Any) -> None:
    audit_record(
        actor=by,
        action=action,
        target=review,
        organisation=review.round.unit.organisation,
        round=review.round_id,
        **detail,
    )


def review_read(*, review: PeerReview, by: User | Any) -> None:
    """The reviewer read the round: recorded in the audit trail, as every outside view is."""
    _audit(review, by, "review.read")


def _move(review: PeerReview, *, source: tuple[str, ...], to: str, verb: str, **fields: Any) -> None:
    changed = PeerReview.objects.filter(pk=review.pk, state__in=source).update(state=to, **fields)
    if not changed:
        current = PeerReview.objects.filter(pk=review.pk).first()
        words = str(current.get_state_display()).lower() if current else pgettext("peer review", "gone")
        raise ReviewStateError(
            _("This peer review is %(state)s, so it cannot be %(verb)s.") % {"state": words, "verb": verb}
        )
    review.refresh_from_db()


def _is_on_the_team(email: str, round_: Round) -> bool:
    from openpie.accounts.models import User

    user = User.objects.filter(email__iexact=email).first()
    return user is not None and bool(roles_at(user, round_.unit))


def _check_days(days: int) -> None:
    most = settings.OPENPIE_PEER_REVIEW_MAX_DAYS
    if not 1 <= days <= most:
        raise ValidationError({"days": _("Choose between 1 and %(most)d days") % {"most": most}})


@transaction.atomic
def review_invite(
    *, round_: Round, email: str, by: User | Any, days: int | None = None, message: str = ""
) -> tuple[PeerReview, str]:
    """Invite a reviewer to this one round for ``days``; email them the link. Returns the review and the link."""
    if round_.is_check_in or round_.state == Round.State.DRAFT:
        raise ValidationError(_("Open the round before inviting a peer reviewer: there is nothing to read yet."))
    days = settings.OPENPIE_PEER_REVIEW_DAYS if days is None else days
    _check_days(days)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Enter an email address in the correct format, like name@example.org")}
        ) from None
    message = clean_text(message, field="message", label=_("The note"), required=False, limit=NOTE_LIMIT)
    if _is_on_the_team(email, round_):
        raise ValidationError(
            {
                "email": _("%(email)s is on this team already. A peer reviewer comes from another service.")
                % {"email": email}
            }
        )
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            review = PeerReview.objects.create(
                round=round_,
                email=email,
                token_hash=token_hash(token),
                message=message,
                invited_by=by,
                expires_at=timezone.now() + timedelta(days=days),
            )
    except IntegrityError:
        raise ValidationError(
            {"email": _("%(email)s is already invited to review this round.") % {"email": email}}
        ) from None
    link = settings.OPENPIE_BASE_URL.rstrip("/") + reverse("reviews:accept", args=[token])
    context = {"review": review, "round": round_, "link": link, "inviter": by}
    body = render_to_string("reviews/email/invitation.txt", context)
    subject = _("You are invited to peer review %(unit)s on OpenPIE") % {"unit": round_.unit.name}
    transaction.on_commit(lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[email]))
    _audit(review, by, "review.invite", days=days)  # the address stays on the review, erasable
    return review, link


def reviewer_units(user: User | Any) -> list[Unit]:
    """The person's own teams and services they may review on behalf of (their membership units)."""
    return [m.unit for m in memberships_for(user)]


@transaction.atomic
def review_accept(*, review: PeerReview, user: User | Any, reviewer_unit: Unit | None = None) -> PeerReview:
    """The invited person takes the review up: access to that one round begins (never a membership)."""
    review = PeerReview.objects.select_for_update().select_related("round__unit__organisation").get(pk=review.pk)
    if review.state != State.INVITED or review.is_expired:
        raise ReviewStateError(_("This invitation has expired or has already been used."))
    if user.email.lower() != review.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s. Sign in with that address to accept it.") % {"email": review.email}
        )
    if roles_at(user, review.round.unit):
        raise ValidationError(_("You are on this team already, so you cannot peer review it."))
    if reviewer_unit is not None and reviewer_unit.pk not in {u.pk for u in reviewer_units(user)}:
        raise ValidationError({"reviewer_unit": _("Choose one of your own teams or services.")})
    if reviewer_unit is not None and review.round.unit.is_at_or_below(reviewer_unit):
        raise ValidationError({"reviewer_unit": _("Choose a team or service other than the one you review.")})
    now = timezone.now()
    organisation_name = reviewer_unit.organisation.name if reviewer_unit is not None else ""
    _move(
        review,
        source=(State.INVITED,),
        to=State.ACCEPTED,
        verb=pgettext("peer review", "accepted"),
        reviewer=user,
        reviewer_unit=reviewer_unit,
        reviewer_organisation_name=organisation_name,
        accepted_at=now,
    )
    threads = review.round.threads.order_by("position")
    ThreadReview.objects.bulk_create([ThreadReview(review=review, thread=t) for t in threads])
    _audit(review, user, "review.accept", reviewer_unit=reviewer_unit.pk if reviewer_unit else None)
    return review


@transaction.atomic
def account_create_for_review(*, review: PeerReview, full_name: str, password: str) -> User:
    """Set up an account for the invited address and accept the review in one step (no membership)."""
    from openpie.accounts.models import User

    if User.objects.filter(email__iexact=review.email).exists():
        raise ValidationError(_("An account with this email address already exists. Sign in to accept."))
    user = User.objects.create_user(review.email, password, full_name=full_name)
    review_accept(review=review, user=user)
    return user


def _check_position(round_: Round, position: int | None, *, field: str = "position") -> None:
    count = Scale.of(round_.framework).count
    if position is not None and not 1 <= position <= count:
        raise ValidationError({field: _("Choose a position on the scale, from 1 to %(count)d") % {"count": count}})


@transaction.atomic
def thread_review_save(
    *, thread_review: ThreadReview, by: User | Any, comment: str, proposed_position: int | None
) -> ThreadReview:
    """The reviewer's comment and proposed position on one thread (until they finish)."""
    review = thread_review.review
    if review.state != State.ACCEPTED or review.is_expired:
        raise ReviewStateError(_("You have finished this review, so it can no longer be changed."))
    _check_position(review.round, proposed_position)
    thread_review.comment = clean_text(comment, field="comment", label=_("Your comment"), required=False)
    thread_review.proposed_position = proposed_position
    thread_review.updated_at = timezone.now()
    thread_review.save(update_fields=["comment", "proposed_position", "updated_at"])
    _audit(review, by, "review.thread_save", thread=thread_review.thread_id, position=proposed_position)
    return thread_review


@transaction.atomic
def review_finish(*, review: PeerReview, by: User | Any) -> PeerReview:
    """The reviewer hands the review to the team, who can then respond thread by thread."""
    if review.is_expired:
        raise ReviewStateError(_("Your access to this review has ended."))
    written = review.thread_reviews.exclude(comment="", proposed_position=None).exists()
    if not written:
        raise ValidationError(_("Comment on or propose a position for at least one thread before you finish."))
    _move(
        review,
        source=(State.ACCEPTED,),
        to=State.SUBMITTED,
        verb=pgettext("peer review", "finished"),
        submitted_at=timezone.now(),
    )
    _audit(review, by, "review.finish")
    _tell_inviter(review)
    return review


def _tell_inviter(review: PeerReview) -> None:
    inviter = review.invited_by
    if inviter is None:
        return
    link = settings.OPENPIE_BASE_URL.rstrip("/") + reverse("reviews:detail", args=[review.pk])
    with in_language_of(inviter):
        body = render_to_string("reviews/email/finished.txt", {"review": review, "link": link})
        subject = _("The peer review of %(round)s is ready") % {"round": review.round.title}
    transaction.on_commit(
        lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[inviter.email])
    )


@transaction.atomic
def review_revoke(*, review: PeerReview, by: User | Any) -> PeerReview:
    """End the reviewer's access at once (what they wrote is kept for the team)."""
    live = (State.INVITED, State.ACCEPTED, State.SUBMITTED)
    _move(
        review,
        source=live,
        to=State.REVOKED,
        verb=pgettext("peer review", "ended"),
        revoked_by=by,
        revoked_at=timezone.now(),
    )
    _audit(review, by, "review.revoke")
    return review


def _team_position(thread_review: ThreadReview) -> int | None:
    return (
        Placement.objects.filter(thread_id=thread_review.thread_id, contribution__kind=Contribution.Kind.TEAM)
        .values_list("position", flat=True)
        .first()
    )


@transaction.atomic
def thread_review_respond(
    *, thread_review: ThreadReview, by: User | Any, response: str, note: str = "", position: int | None = None
) -> ThreadReview:
    """The team's answer on one thread: agree with the reviewer, keep its own bead, or agree another position.

    The agreed position is recorded beside the team's own bead, which stays as it is.
    """
    review = thread_review.review
    if review.submitted_at is None:
        raise ReviewStateError(_("The reviewer has not finished yet: respond once they have."))
    if response not in {Response.AGREE, Response.KEEP, Response.OTHER}:
        raise ValidationError({"response": _("Choose how the team responds")})
    team_position = _team_position(thread_review)
    agreed: int | None
    if response == Response.AGREE:
        if thread_review.proposed_position is None:
            raise ValidationError(
                {"response": _("The reviewer proposed no position here: keep yours or choose another")}
            )
        agreed = thread_review.proposed_position
    elif response == Response.KEEP:
        agreed = team_position
    else:
        if position is None:
            raise ValidationError({"position": _("Choose the position the team agrees")})
        _check_position(review.round, position)
        agreed = position
    thread_review.response = response
    thread_review.team_position = team_position
    thread_review.agreed_position = agreed
    thread_review.response_note = clean_text(note, field="note", label=_("The note"), required=False, limit=NOTE_LIMIT)
    thread_review.responded_by = by
    thread_review.responded_at = timezone.now()
    # The team's fields only: the reviewer's comment and proposal are theirs, and stay as they wrote them.
    team_fields = ["response", "team_position", "agreed_position", "response_note", "responded_by", "responded_at"]
    thread_review.save(update_fields=team_fields)
    _audit(review, by, "review.respond", thread=thread_review.thread_id, response=response, agreed=agreed)
    return thread_review
