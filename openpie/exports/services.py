"""Asking for an export, and making it.

``export_request`` checks access when the person asks (the same helpers as the pages), records
the job and either makes it at once (``INLINE_KINDS``: one round is small) or queues the
``export_run`` task for a worker (``manage.py task_worker``). Making a job checks access again (a
grant revoked meanwhile fails the job with a plain message), writes to a temporary file, and saves
it to storage only once it is complete: a failed job leaves no file behind.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_tasks import task

from openpie.assessments.access import get_round_for_user
from openpie.audit.services import audit_record
from openpie.exports.builders import Built, overview_pdf, register, research, round, subtree
from openpie.exports.models import ExportJob
from openpie.insights.access import get_overview_unit_for_user
from openpie.insights.selectors import audience_for
from openpie.organisations.access import can, get_organisation_for_user, get_unit_for_user, memberships_for
from openpie.organisations.models import Organisation, Unit

logger = logging.getLogger(__name__)

Kind, Format = ExportJob.Kind, ExportJob.Format
FORMATS: dict[str, tuple[str, ...]] = {
    Kind.ROUND: (Format.XLSX, Format.CSV),
    Kind.SUBTREE: (Format.XLSX, Format.CSV),
    Kind.REGISTER: (Format.XLSX, Format.CSV),
    Kind.OVERVIEW_PDF: (Format.PDF,),
    Kind.RESEARCH: (Format.ZIP,),
}
# One round is small: it is made while the person waits. Everything else goes to a worker.
INLINE_KINDS = frozenset({Kind.ROUND})
EXPORT_ACTION = "export.create"
RESEARCH_ACTION = "research.extract"
NOT_OPTED_IN = gettext_lazy("This organisation does not take part in research: there is no research extract of it.")


@dataclass(frozen=True)
class Target:
    """What is exported and its title; ``organisation`` owns the data."""

    title: str
    organisation: Organisation | None
    obj: Any = None


def resolve_target(user: Any, kind: str, target_id: int | None) -> Target:
    """The thing to export, if the person may export it now: 404 outside, 403 without the role."""
    if kind == Kind.ROUND:
        round_ = get_round_for_user(user, _id(target_id), action=EXPORT_ACTION)
        return Target(f"{round_.unit.name}: {round_.title}", round_.unit.organisation, round_)
    if kind == Kind.SUBTREE:
        unit = get_unit_for_user(user, _id(target_id), action=EXPORT_ACTION)
        return Target(_("%(unit)s and everything below it") % {"unit": unit.name}, unit.organisation, unit)
    if kind == Kind.OVERVIEW_PDF:
        return _overview_target(user, _id(target_id))
    if kind == Kind.REGISTER:
        return Target(_("Barriers register"), None)
    if kind == Kind.RESEARCH:
        organisation = get_organisation_for_user(user, _id(target_id), action=RESEARCH_ACTION)
        return Target(_("Research extract: %(name)s") % {"name": organisation.name}, organisation, organisation)
    raise ValidationError({"kind": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(Kind.values)}})


def _id(target_id: int | None) -> int:
    if target_id is None:
        raise Http404(_("Nothing to export."))
    return target_id


def _overview_target(user: Any, pk: int) -> Target:
    """Own units need export.create; a unit shared through an overview grant needs it at the top of
    the person's own organisation (a commissioner, say)."""
    found = get_overview_unit_for_user(user, pk)
    unit = found.unit
    if not found.shared:
        if not can(user, EXPORT_ACTION, unit):
            raise PermissionDenied(_("You cannot do this here (%(action)s).") % {"action": EXPORT_ACTION})
    elif not _may_export_shared(user):
        raise PermissionDenied(_("You cannot do this here (%(action)s).") % {"action": EXPORT_ACTION})
    return Target(_("Overview: %(unit)s") % {"unit": unit.name}, unit.organisation, unit)


def _may_export_shared(user: Any) -> bool:
    return any(m.unit.parent_id is None and can(user, EXPORT_ACTION, m.unit) for m in memberships_for(user))


def export_request(
    *, by: Any, kind: str, fmt: str, target: int | None, params: dict[str, Any] | None = None
) -> ExportJob:
    """Check access, record the job, and make it now (one round) or queue it for a worker."""
    if kind not in FORMATS:
        raise ValidationError({"kind": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(Kind.values)}})
    if fmt not in FORMATS[kind]:
        raise ValidationError(
            {"format": _("This export comes as: %(formats)s.") % {"formats": ", ".join(FORMATS[kind])}}
        )
    found = resolve_target(by, kind, target)
    if kind == Kind.RESEARCH and not (found.organisation and found.organisation.research_opt_in):
        raise ValidationError({"target": NOT_OPTED_IN})
    with transaction.atomic():
        job = ExportJob.objects.create(
            requester=by,
            organisation=found.organisation,
            kind=kind,
            format=fmt,
            target_id=target,
            title=found.title,
            parameters={**(params or {}), "language": get_language() or settings.LANGUAGE_CODE},
        )
        audit_record(actor=by, action="export.request", target=job, organisation=found.organisation, kind=kind)
    if kind in INLINE_KINDS:
        export_make(job_id=job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: export_run.enqueue(job.pk))
    return job


def export_downloaded(*, job: ExportJob, by: Any) -> None:
    """Record that the file was handed out (the audit trail lists every download)."""
    audit_record(actor=by, action="export.download", target=job, organisation=job.organisation_id, kind=job.kind)


def _set(job: ExportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ExportJob.objects.filter(pk=job.pk).update(**fields)


def export_make(*, job_id: int) -> ExportJob:
    """Make the job's file (what the task runs). Never raises for a failed export: the job says why."""
    job = ExportJob.objects.select_related("requester").get(pk=job_id)
    if job.state not in {ExportJob.State.QUEUED, ExportJob.State.RUNNING}:
        return job
    _set(job, state=ExportJob.State.RUNNING, progress=5, message="")
    with translation.override(job.parameters.get("language") or settings.LANGUAGE_CODE):
        _make(job)
    return job


def _make(job: ExportJob) -> None:
    """Build, save and finish the job, in the language of whoever asked for it."""
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.part"
            built = _build(job, path)
            with path.open("rb") as handle:
                job.file.save(built.filename, File(handle), save=False)
        _set(
            job,
            file=job.file.name,
            rows=built.rows,
            state=ExportJob.State.DONE,
            progress=100,
            finished_at=timezone.now(),
            message="" if built.rows else _("Nothing to export: the file has only headings."),
        )
    except (Http404, PermissionDenied):
        _fail(job, _("You can no longer see what this export was of (access was removed), so it was not made."))
    except ValidationError as error:
        _fail(job, " ".join(error.messages))
    except Exception:
        logger.exception("Export %s failed", job.pk)
        _fail(job, _("Something went wrong while making this export. Nothing was saved: please try again."))


def _fail(job: ExportJob, message: str) -> None:
    if job.file:
        job.file.delete(save=False)
    _set(job, state=ExportJob.State.FAILED, message=message, file="", finished_at=timezone.now())


def _build(job: ExportJob, path: Path) -> Built:
    user = job.requester
    found = resolve_target(user, job.kind, job.target_id)  # again: access may have changed since

    def progress(percent: int) -> None:
        _set(job, progress=max(5, min(99, percent)))

    if job.kind == Kind.ROUND:
        return round.build(round_=found.obj, viewer=user, fmt=job.format, path=path, progress=progress)
    if job.kind == Kind.SUBTREE:
        return subtree.build(unit=found.obj, viewer=user, fmt=job.format, path=path, progress=progress)
    if job.kind == Kind.REGISTER:
        return register.build(viewer=user, fmt=job.format, path=path, progress=progress)
    if job.kind == Kind.OVERVIEW_PDF:
        unit: Unit = found.obj
        audience = audience_for(user, unit)
        return overview_pdf.build(unit=unit, viewer=user, audience=audience, path=path, progress=progress)
    organisation: Organisation = found.obj
    if not organisation.research_opt_in:
        raise ValidationError(NOT_OPTED_IN)
    return research.build(organisation=organisation, path=path, progress=progress)


@task()
def export_run(job_id: int) -> None:
    """The background task: make one export job."""
    export_make(job_id=job_id)
