"""Writes for service users' parallel assessment: links, taking part, finishing and withdrawing.

- ``link_create`` / ``link_close``: the lead's public links (and QR codes) to a round.
- ``participation_start``: a person consents through a link; the consent form's one-time key
  makes a double submit start one contribution. ``proxy_start``: a keyworker or advocate
  starts one for a person who agreed.
- ``participation_answer``: a bead in easy words and "what would make it better?".
- ``participation_finish``: the contribution counts from now on; returns the withdrawal code.
- ``participation_withdraw`` / ``participation_stop_sharing``: with the code, the person takes
  their answers out, or stops staff reading their comments. A wrong code and no code look alike.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.assessments.models import Action, Contribution, Placement, Round, Thread
from openpie.assessments.services.edits import clean_text
from openpie.assessments.services.stages import require_editable
from openpie.audit.services import audit_record
from openpie.participation import codes
from openpie.participation.models import Participation, ParticipationLink, SharedAction

State = Contribution.State
COMMENT_LIMIT = 1000
NAME_LIMIT = 60


class LinkClosedError(ValidationError):
    """The link has expired or been closed, or its round no longer takes answers."""


# Links -------------------------------------------------------------------------------------------


def _expiry(expires_on: date | None) -> datetime:
    if expires_on is None:
        return timezone.now() + timedelta(days=settings.OPENPIE_PARTICIPATION_LINK_DAYS)
    ends = timezone.make_aware(datetime.combine(expires_on + timedelta(days=1), time.min))
    if ends <= timezone.now():
        raise ValidationError({"expires_on": _("The closing date must be today or later")})
    return ends


def _free_short_code() -> str:
    """A short code no link has (a clash among 2.6 × 10^10 codes is rare; try again if so)."""
    while True:
        code = codes.new_short_code()
        if not ParticipationLink.objects.filter(short_code=code).exists():
            return code


@transaction.atomic
def link_create(
    *,
    round_: Round,
    by: Any,
    label: str = "",
    expires_on: date | None = None,
    scale: str = ParticipationLink.Scale.SIMPLE,
    language: str = "",
) -> ParticipationLink:
    """A new public link to the round's easy-read assessment, open until the end of ``expires_on``."""
    require_editable(round_)
    label = clean_text(label, field="label", label=_("Where it is used"), required=False, limit=100)
    if scale not in ParticipationLink.Scale.values:
        raise ValidationError({"scale": _("Choose the simple or the fine scale")})
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose a language from the list")})
    link = ParticipationLink.objects.create(
        round=round_,
        token=secrets.token_urlsafe(16),
        short_code=_free_short_code(),
        scale=scale,
        label=label,
        language=language,
        created_by=by,
        expires_at=_expiry(expires_on),
    )
    audit_record(actor=by, action="participation.link_create", target=link, organisation=round_.unit.organisation)
    return link


@transaction.atomic
def link_close(*, link: ParticipationLink, by: Any) -> ParticipationLink:
    """Stop the link taking new people (answers already finished stay)."""
    ParticipationLink.objects.filter(pk=link.pk, closed_at=None).update(closed_at=timezone.now(), closed_by=by)
    link.refresh_from_db()
    audit_record(actor=by, action="participation.link_close", target=link, organisation=link.round.unit.organisation)
    return link


@transaction.atomic
def actions_share(*, round_: Round, action_ids: set[int], by: Any) -> set[int]:
    """Choose which of the round's actions its links' pages tell service users about ("you said, we did")."""
    mine = set(Action.objects.filter(round=round_, pk__in=action_ids).values_list("pk", flat=True))
    if mine != set(action_ids):
        raise ValidationError({"actions": _("Choose actions from this round")})
    SharedAction.objects.filter(action__round=round_).exclude(action_id__in=mine).delete()
    have = set(SharedAction.objects.filter(action__round=round_).values_list("action_id", flat=True))
    SharedAction.objects.bulk_create(SharedAction(action_id=pk, shared_by=by) for pk in mine - have)
    audit_record(
        actor=by,
        action="participation.actions_share",
        target=round_,
        organisation=round_.unit.organisation,
        shared=len(mine),
    )
    return mine


# Starting ----------------------------------------------------------------------------------------


def require_live(link: ParticipationLink) -> None:
    if not link.is_live or not link.round.is_editable:
        raise LinkClosedError(_("This link is no longer open."))


def _display_name(value: str) -> str:
    return clean_text(value, field="display_name", label=_("Your first name or role"), required=False, limit=NAME_LIMIT)


def _begin(round_: Round, display_name: str, **participation: Any) -> Contribution:
    """A started service-user contribution with an empty bead on every thread, and how it came in."""
    contribution = Contribution.objects.create(
        round=round_, kind=Contribution.Kind.SERVICE_USER, state=State.STARTED, display_name=display_name
    )
    Participation.objects.create(contribution=contribution, **participation)
    Placement.objects.bulk_create(Placement(contribution=contribution, thread=t) for t in round_.threads.all())
    return contribution


def _started_with(start_key: str, **match: Any) -> Contribution | None:
    found = Participation.objects.select_related("contribution").filter(start_key=start_key, **match).first()
    return found.contribution if found is not None else None


def _check_key(start_key: str) -> None:
    if not start_key or len(start_key) > 40:
        raise ValidationError(_("This form has expired. Please start again."))


@transaction.atomic
def participation_start(
    *, link: ParticipationLink, start_key: str, consent: bool, shares_comments: bool, display_name: str = ""
) -> Contribution:
    """A person agrees and starts; sending the same consent form twice starts one contribution."""
    _check_key(start_key)
    earlier = _started_with(start_key, link=link)
    if earlier is not None:
        return earlier
    require_live(link)
    if not consent:
        raise ValidationError({"consent": _("Tick the box to say you agree, or close this page")})
    name = _display_name(display_name)
    try:
        with transaction.atomic():
            return _begin(link.round, name, link=link, start_key=start_key, shares_comments=shares_comments)
    except IntegrityError:  # the same form sent twice at the same moment
        earlier = _started_with(start_key, link=link)
        if earlier is None:
            raise ValidationError(_("This form has expired. Please start again.")) from None
        return earlier


@transaction.atomic
def proxy_start(
    *,
    round_: Round,
    by: Any,
    consent_confirmed: bool,
    shares_comments: bool,
    display_name: str = "",
    start_key: str | None = None,
) -> Contribution:
    """A keyworker or advocate starts a service user's answers for them, with their agreement."""
    if start_key:
        _check_key(start_key)
        earlier = _started_with(start_key, proxy_by=by)
        if earlier is not None:
            return earlier
    require_editable(round_)
    if not consent_confirmed:
        raise ValidationError({"consent_confirmed": _("Confirm that the person agreed to take part")})
    contribution = _begin(
        round_,
        _display_name(display_name),
        via=Participation.Via.PROXY,
        proxy_by=by,
        proxy_consent_confirmed=True,
        shares_comments=shares_comments,
        start_key=start_key or secrets.token_urlsafe(24),
    )
    audit_record(
        actor=by, action="participation.proxy_start", target=contribution, organisation=round_.unit.organisation
    )
    return contribution


# Answering and finishing -------------------------------------------------------------------------


def _require_started(contribution: Contribution) -> None:
    if contribution.kind != Contribution.Kind.SERVICE_USER:
        raise ValidationError(_("Only a service user's own answers are given here."))
    if contribution.state != State.STARTED:
        raise ValidationError(_("These answers have been sent, so they cannot change now."))
    require_editable(contribution.round)


@transaction.atomic
def participation_answer(
    *, contribution: Contribution, thread: Thread, position: int | None, comment: str = ""
) -> Placement:
    """Save one answer: a bead (or none) and "what would make it better?"."""
    _require_started(contribution)
    if thread.round_id != contribution.round_id:
        raise ValidationError(_("This question is not part of these answers."))
    count = contribution.round.framework.position_count
    if position is not None and not 1 <= position <= count:
        raise ValidationError({"position": _("Choose one of the answers")})
    text = clean_text(comment, field="comment", label=_("What would make it better"), required=False, limit=1000)
    placement, _created = Placement.objects.get_or_create(contribution=contribution, thread=thread)
    Placement.objects.filter(pk=placement.pk).update(position=position, comment=text, updated_at=timezone.now())
    placement.refresh_from_db()
    return placement


def _store_new_code(participation: Participation) -> str:
    for _attempt in range(5):
        code = codes.new_code()
        try:
            with transaction.atomic():
                Participation.objects.filter(pk=participation.pk).update(withdrawal_code_hash=codes.code_hash(code))
        except IntegrityError:  # another person's code, by a chance in billions
            continue
        return code
    raise RuntimeError("Could not make a unique withdrawal code")


@transaction.atomic
def participation_finish(*, contribution: Contribution) -> str | None:
    """Send the answers: they count from now on. Returns the withdrawal code (``None`` if already sent)."""
    if contribution.state == State.STARTED:
        require_editable(contribution.round)
        if not contribution.placements.filter(position__isnull=False).exists():
            raise ValidationError(_("Choose an answer to at least one question before you finish."))
    changed = Contribution.objects.filter(pk=contribution.pk, state=State.STARTED).update(
        state=State.SUBMITTED, submitted_at=timezone.now()
    )
    contribution.refresh_from_db()
    if not changed:
        return None
    organisation = contribution.round.unit.organisation_id
    audit_record(actor=None, action="participation.finish", target=contribution, organisation=organisation)
    return codes.shown(_store_new_code(contribution.participation))


# With the withdrawal code ------------------------------------------------------------------------


def _by_code(code: str) -> Participation | None:
    """The finished answers the code belongs to; ``None`` for a wrong code, no code, or answers taken out."""
    normal = codes.normalise(code)
    digest = codes.code_hash(normal or "-")  # hashed either way, so no code takes as long as a wrong one
    if not normal:
        return None
    return (
        Participation.objects.select_for_update()
        .select_related("contribution__round__unit")
        .filter(withdrawal_code_hash=digest, contribution__state=State.SUBMITTED)
        .first()
    )


@transaction.atomic
def participation_withdraw(*, code: str) -> bool:
    """Take the answers out: they stop counting, and their beads, comments and name are erased."""
    found = _by_code(code)
    if found is None:
        return False
    contribution = found.contribution
    changed = Contribution.objects.filter(pk=contribution.pk, state=State.SUBMITTED).update(
        state=State.WITHDRAWN, ended_at=timezone.now(), display_name=""
    )
    if not changed:
        return False
    Placement.objects.filter(contribution=contribution).update(position=None, target=None, comment="")
    organisation = contribution.round.unit.organisation
    audit_record(actor=None, action="participation.withdraw", target=contribution, organisation=organisation)
    return True


@transaction.atomic
def participation_stop_sharing(*, code: str) -> bool:
    """Staff stop seeing the person's comments (their beads still count)."""
    found = _by_code(code)
    if found is None:
        return False
    Participation.objects.filter(pk=found.pk).update(shares_comments=False)
    contribution = found.contribution
    organisation = contribution.round.unit.organisation_id
    audit_record(actor=None, action="participation.stop_sharing", target=contribution, organisation=organisation)
    return True
