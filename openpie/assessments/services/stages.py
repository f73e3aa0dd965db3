"""What the team records in a round: beads, evidence, factors (and barriers), actions.

Every change needs the round to be a draft or open, and every edit names the version it
started from (see ``edits``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.assessments.models import Action, Evidence, Factor, Placement, Round, Thread, evidence_upload_to
from openpie.assessments.services.edits import EditConflictError, clean_text, versioned_update
from openpie.assessments.services.files import check_upload
from openpie.audit.services import audit_record
from openpie.frameworks.models import BarrierKind
from openpie.organisations.models import Membership, Unit


def require_editable(round_: Round) -> None:
    if not round_.is_editable:
        state = round_.get_state_display().lower()
        raise ValidationError(_("This round is %(state)s, so what it records cannot change now.") % {"state": state})


def _org(round_: Round) -> int:
    return round_.unit.organisation_id


# Beads ------------------------------------------------------------------------------------------


def _check_position(value: int | None, *, round_: Round, field: str) -> int | None:
    if value is None:
        return None
    top = round_.framework.position_count
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise ValidationError({field: _("Choose a position on the scale, from 1 to %(top)s") % {"top": top}})
    return value


@transaction.atomic
def placement_record(
    *, placement: Placement, version: int, by: Any, position: int | None, target: int | None
) -> Placement:
    """Place the bead (and the target bead); ``None`` takes a bead off the thread."""
    round_ = placement.thread.round
    require_editable(round_)
    values = {
        "position": _check_position(position, round_=round_, field="position"),
        "target": _check_position(target, round_=round_, field="target"),
    }
    placement = versioned_update(placement, version=version, by=by, **values)
    positions = {"position": values["position"], "target_position": values["target"]}
    audit_record(actor=by, action="placement.record", target=placement, organisation=_org(round_), **positions)
    return placement


# Evidence ---------------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(*, thread: Thread, by: Any, text: str = "", upload: UploadedFile | None = None) -> Evidence:
    """A text item, a file, or both, for one thread."""
    require_editable(thread.round)
    text = clean_text(text, field="text", label=_("What tells you so"), required=upload is None)
    evidence = Evidence(thread=thread, text=text, created_by=by, updated_by=by)
    if upload is not None:
        checked = check_upload(upload)
        evidence.file_name, evidence.file_type, evidence.file_size = checked.name, checked.mime, checked.size
        evidence.file.save(f"evidence.{checked.extension}", upload, save=False)
    evidence.save()
    audit_record(actor=by, action="evidence.add", target=evidence, organisation=_org(thread.round))
    return evidence


@transaction.atomic
def evidence_update(
    *, evidence: Evidence, version: int, by: Any, text: str, upload: UploadedFile | None = None
) -> Evidence:
    """Change the text; ``upload`` attaches a file (or replaces the one attached)."""
    require_editable(evidence.thread.round)
    text = clean_text(text, field="text", label=_("What tells you so"), required=not (evidence.file or upload))
    audit_record(actor=by, action="evidence.change", target=evidence, organisation=_org(evidence.thread.round))
    if upload is None:
        return versioned_update(evidence, version=version, by=by, text=text)
    checked = check_upload(upload)
    old_file = evidence.file.name
    stored = evidence.file.storage.save(evidence_upload_to(evidence, f"evidence.{checked.extension}"), upload)
    file_values = {"file": stored, "file_name": checked.name, "file_type": checked.mime, "file_size": checked.size}
    try:
        evidence = versioned_update(evidence, version=version, by=by, text=text, **file_values)
    except EditConflictError:
        evidence.file.storage.delete(stored)
        raise
    if old_file and old_file != stored:
        evidence.file.storage.delete(old_file)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: Any = None) -> None:
    require_editable(evidence.thread.round)
    audit_record(actor=by, action="evidence.remove", target=evidence, organisation=_org(evidence.thread.round))
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()


# Factors and barriers ---------------------------------------------------------------------------


def _factor_values(
    *,
    thread: Thread,
    effect: str,
    control: str,
    text: str,
    barrier_kind: BarrierKind | None,
    flag_managers: bool,
    funder: str,
    shareable: bool = False,
) -> dict[str, Any]:
    if effect not in Factor.Effect.values:
        raise ValidationError({"effect": _("Choose whether this helps or hinders")})
    if control not in Factor.Control.values:
        raise ValidationError({"control": _("Choose whether this is within or outside your control")})
    values: dict[str, Any] = {
        "effect": effect,
        "control": control,
        "text": clean_text(text, field="text", label=_("What helps or hinders")),
        "barrier_kind": None,
        "flag_managers": False,
        "funder": "",
        "shareable": False,
    }
    if effect == Factor.Effect.HINDERS and control == Factor.Control.OUTSIDE:
        if barrier_kind is None or barrier_kind.framework_id != thread.round.framework_id:
            raise ValidationError({"barrier_kind": _("Choose the kind of barrier")})
        funder = clean_text(funder, field="funder", label=_("Funder or commissioner"), required=False, limit=200)
        if not flag_managers and not funder:
            raise ValidationError(
                {"flag_managers": _("Choose who should hear about this barrier: your managers, a funder, or both")}
            )
        values.update(barrier_kind=barrier_kind, flag_managers=flag_managers, funder=funder, shareable=shareable)
    return values


@transaction.atomic
def factor_add(
    *,
    thread: Thread,
    by: Any,
    effect: str,
    control: str,
    text: str,
    barrier_kind: BarrierKind | None = None,
    flag_managers: bool = False,
    funder: str = "",
    shareable: bool = False,
) -> Factor:
    require_editable(thread.round)
    values = _factor_values(
        thread=thread,
        effect=effect,
        control=control,
        text=text,
        barrier_kind=barrier_kind,
        flag_managers=flag_managers,
        funder=funder,
        shareable=shareable,
    )
    factor = Factor.objects.create(thread=thread, created_by=by, updated_by=by, **values)
    audit_record(actor=by, action="factor.add", target=factor, organisation=_org(thread.round), control=control)
    return factor


@transaction.atomic
def factor_update(
    *,
    factor: Factor,
    version: int,
    by: Any,
    effect: str,
    control: str,
    text: str,
    barrier_kind: BarrierKind | None = None,
    flag_managers: bool = False,
    funder: str = "",
    shareable: bool = False,
) -> Factor:
    require_editable(factor.thread.round)
    values = _factor_values(
        thread=factor.thread,
        effect=effect,
        control=control,
        text=text,
        barrier_kind=barrier_kind,
        flag_managers=flag_managers,
        funder=funder,
        shareable=shareable,
    )
    audit_record(actor=by, action="factor.change", target=factor, organisation=_org(factor.thread.round))
    return versioned_update(factor, version=version, by=by, **values)


@transaction.atomic
def factor_remove(*, factor: Factor, by: Any = None) -> None:
    require_editable(factor.thread.round)
    audit_record(actor=by, action="factor.remove", target=factor, organisation=_org(factor.thread.round))
    factor.delete()


# Actions ----------------------------------------------------------------------------------------


def _owner_ok(owner: User | None, unit: Unit) -> None:
    """An owner who is a member must belong to this unit (or a unit above it)."""
    if owner is None:
        return
    above = unit.path.strip("/").split("/")
    if not Membership.objects.filter(user=owner, unit_id__in=above).exists():
        raise ValidationError({"owner": _("Choose someone who is a member of this team")})


def _action_values(
    *,
    round_: Round,
    what: str,
    owner: User | None,
    owner_name: str,
    due_on: datetime.date | None,
    status: str,
    thread: Thread | None,
    factor: Factor | None,
    review_note: str,
) -> dict[str, Any]:
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose the status of the action")})
    if thread is not None and thread.round_id != round_.pk:
        raise ValidationError({"thread": _("Choose a thread of this round")})
    if factor is not None and factor.thread.round_id != round_.pk:
        raise ValidationError({"factor": _("Choose a factor of this round")})
    _owner_ok(owner, round_.unit)
    return {
        "what": clean_text(what, field="what", label=_("What you will do")),
        "owner": owner,
        "owner_name": ""
        if owner
        else clean_text(owner_name, field="owner_name", label=_("Owner"), required=False, limit=150),
        "due_on": due_on,
        "status": status,
        "thread": thread or (factor.thread if factor else None),
        "factor": factor,
        "review_note": clean_text(review_note, field="review_note", label=_("What changed"), required=False),
    }


@transaction.atomic
def action_add(
    *,
    round_: Round,
    by: Any,
    what: str,
    owner: User | None = None,
    owner_name: str = "",
    due_on: datetime.date | None = None,
    status: str = Action.Status.PLANNED,
    thread: Thread | None = None,
    factor: Factor | None = None,
) -> Action:
    require_editable(round_)
    values = _action_values(
        round_=round_,
        what=what,
        owner=owner,
        owner_name=owner_name,
        due_on=due_on,
        status=status,
        thread=thread,
        factor=factor,
        review_note="",
    )
    action = Action.objects.create(round=round_, created_by=by, updated_by=by, **values)
    audit_record(actor=by, action="action.add", target=action, organisation=_org(round_))
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    version: int,
    by: Any,
    what: str,
    owner: User | None = None,
    owner_name: str = "",
    due_on: datetime.date | None = None,
    status: str = Action.Status.PLANNED,
    thread: Thread | None = None,
    factor: Factor | None = None,
    review_note: str = "",
) -> Action:
    require_editable(action.round)
    values = _action_values(
        round_=action.round,
        what=what,
        owner=owner,
        owner_name=owner_name,
        due_on=due_on,
        status=status,
        thread=thread,
        factor=factor,
        review_note=review_note,
    )
    audit_record(actor=by, action="action.change", target=action, organisation=_org(action.round), status=status)
    return versioned_update(action, version=version, by=by, **values)


@transaction.atomic
def action_remove(*, action: Action, by: Any = None) -> None:
    require_editable(action.round)
    audit_record(actor=by, action="action.remove", target=action, organisation=_org(action.round))
    action.delete()
