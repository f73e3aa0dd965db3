"""Starting rounds and moving them through their states: draft → open → in review → closed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openpie.assessments.models import STILL_OPEN, Action, CheckIn, Contribution, Factor, Placement, Round, Thread
from openpie.assessments.services.edits import clean_text, versioned_update
from openpie.audit.services import audit_record
from openpie.common.localised import source_language
from openpie.frameworks.models import Framework
from openpie.frameworks.selectors import ThemeView, ThreadView, framework_for
from openpie.organisations.models import Unit

State = Round.State
Form = Round.Form


def _thread(view: ThreadView, *, kind: str, theme_key: str, position: int, theme_name: str = "") -> Thread:
    return Thread(
        key=view.key,
        kind=kind,
        theme_key=theme_key,
        theme_name=theme_name,
        position=position,
        name=view.name,
        short_name=view.short_name[:40],
        description=view.description,
        guiding_questions=view.guiding_questions,
        easy_read=view.easy_read,
        level_descriptors=view.level_descriptors,
        review_criteria=view.review_criteria,
        easy_read_follow_up=view.easy_read_follow_up,
        translations=view.translations,
    )


def _element_kind(view: ThreadView) -> str:
    return Thread.Kind.LOCAL if view.is_local else Thread.Kind.ELEMENT


def _threads_for(themes: list[ThemeView], *, form: str, theme_keys: list[str], thread_key: str) -> list[Thread]:
    """The threads a round of this form covers, worded as the organisation words them."""
    if form == Form.SHORT:
        return [_thread(t, kind=Thread.Kind.THEME, theme_key=t.key, position=i) for i, t in enumerate(themes)]
    if form == Form.DRILL_DOWN:
        chosen = [t for t in themes if t.key in set(theme_keys)]
        if not chosen:
            raise ValidationError({"theme_keys": "Choose at least one theme to open up"})
        elements = [(t, e) for t in chosen for e in t.elements if e.in_use]
        return [
            _thread(e, kind=_element_kind(e), theme_key=t.key, theme_name=t.name, position=i)
            for i, (t, e) in enumerate(elements)
        ]
    if form == Form.SINGLE:
        for theme in themes:
            if theme.key == thread_key:
                return [_thread(theme, kind=Thread.Kind.THEME, theme_key=theme.key, position=0)]
            for element in theme.elements:
                if element.key == thread_key and element.in_use:
                    kind = _element_kind(element)
                    return [_thread(element, kind=kind, theme_key=theme.key, theme_name=theme.name, position=0)]
        raise ValidationError({"thread_key": "Choose the one thread to look at"})
    return []


def _check_framework(framework: Framework, unit: Unit) -> None:
    available = Framework.objects.published().available_to(unit.organisation).filter(pk=framework.pk).exists()
    if not available:
        raise ValidationError({"framework": "Choose a published framework your organisation can use"})


def _add_threads(round_: Round, threads: Iterable[Thread], *, ghosts: dict[str, int | None] | None = None) -> None:
    """Save the round's threads and the team's empty beads on them (with last round's ghosts)."""
    saved = Thread.objects.bulk_create([_with_round(t, round_) for t in threads])
    team, _ = Contribution.objects.get_or_create(round=round_, kind=Contribution.Kind.TEAM)
    Placement.objects.bulk_create(
        Placement(contribution=team, thread=t, previous_position=(ghosts or {}).get(t.key)) for t in saved
    )


def _with_round(thread: Thread, round_: Round) -> Thread:
    thread.round = round_
    return thread


def _default_title(unit: Unit, form: str, held_on: datetime.date) -> str:
    kind = "Check-in" if form == Form.CHECK_IN else "Round"
    return f"{kind} — {unit.name}, {held_on:%B %Y}"


@transaction.atomic
def round_create(
    *,
    unit: Unit,
    framework: Framework,
    form: str,
    by: Any,
    title: str = "",
    held_on: datetime.date | None = None,
    theme_keys: list[str] | None = None,
    thread_key: str = "",
) -> Round:
    """A new draft round (or a coffee-break check-in) for the unit, pinned to ``framework``."""
    _check_framework(framework, unit)
    if form not in Form.values:
        raise ValidationError({"form": "Choose how much of the framework to look at"})
    held_on = held_on or timezone.localdate()
    title = clean_text(title, field="title", label="Title", required=False, limit=200)
    themes = framework_for(framework, unit.organisation, unit, with_translations=True)
    threads = _threads_for(themes, form=form, theme_keys=theme_keys or [], thread_key=thread_key)
    round_ = Round.objects.create(
        unit=unit,
        framework=framework,
        form=form,
        title=title or _default_title(unit, form, held_on),
        held_on=held_on,
        theme_keys=sorted(theme_keys or []) if form == Form.DRILL_DOWN else [],
        created_by=by,
    )
    _add_threads(round_, threads)
    if form == Form.CHECK_IN:
        CheckIn.objects.create(round=round_, created_by=by, updated_by=by)
    audit_record(actor=by, action="round.create", target=round_, organisation=unit.organisation_id, form=form)
    return round_


@transaction.atomic
def _move(round_: Round, *, allowed_from: set[str], to: str, by: Any, **stamps: Any) -> Round:
    """Change the state, only from an allowed one (checked in the same UPDATE, so two clicks cannot race)."""
    changed = Round.objects.filter(pk=round_.pk, state__in=allowed_from).update(state=to, **stamps)
    round_.refresh_from_db()
    if not changed:
        allowed = " or ".join(sorted(State(s).label.lower() for s in allowed_from))
        raise ValidationError(f"This round is {round_.get_state_display().lower()}; it must be {allowed} for this.")
    audit_record(actor=by, action="round.state", target=round_, organisation=round_.unit.organisation_id, to=to)
    return round_


def round_open(*, round_: Round, by: Any = None) -> Round:
    return _move(round_, allowed_from={State.DRAFT}, to=State.OPEN, by=by, opened_at=timezone.now())


def round_submit(*, round_: Round, by: Any = None) -> Round:
    """Send the round for review: what was recorded is kept still while it is read and agreed."""
    return _move(round_, allowed_from={State.OPEN}, to=State.IN_REVIEW, by=by)


def round_reopen(*, round_: Round, by: Any = None) -> Round:
    """Back from review to open, for changes."""
    return _move(round_, allowed_from={State.IN_REVIEW}, to=State.OPEN, by=by)


def round_close(*, round_: Round, by: Any = None) -> Round:
    return _move(round_, allowed_from={State.IN_REVIEW}, to=State.CLOSED, by=by, closed_at=timezone.now())


def _team_positions(round_: Round) -> dict[str, int | None]:
    return dict(
        Placement.objects.filter(thread__round=round_, contribution__kind=Contribution.Kind.TEAM).values_list(
            "thread__key", "position"
        )
    )


def _copy_thread(thread: Thread) -> Thread:
    fields = ("key", "kind", "theme_key", "theme_name", "position", "name", "short_name", "description")
    guidance = (
        "guiding_questions",
        "easy_read",
        "easy_read_follow_up",
        "level_descriptors",
        "review_criteria",
        "translations",
    )
    return Thread(**{name: getattr(thread, name) for name in (*fields, *guidance)})


def _carry_actions(previous: Round, round_: Round, by: Any) -> None:
    """Every open action of the last round comes along for review (done? what changed?)."""
    threads = {t.key: t for t in round_.threads.all()}
    open_actions = previous.actions.filter(status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS])
    Action.objects.bulk_create(
        Action(
            round=round_,
            thread=threads.get(a.thread.key) if a.thread else None,
            what=a.what,
            owner_id=a.owner_id,
            owner_name=a.owner_name,
            due_on=a.due_on,
            status=a.status,
            carried_from=a,
            created_by=by,
            updated_by=by,
        )
        for a in open_actions.select_related("thread")
    )


def _carry_barriers(previous: Round, round_: Round, by: Any) -> None:
    """Every still-open barrier of the last round comes along: raised then, still open until resolved."""
    threads = {t.key: t for t in round_.threads.all()}
    still_open = Factor.objects.filter(
        thread__round=previous,
        effect=Factor.Effect.HINDERS,
        control=Factor.Control.OUTSIDE,
        barrier_status__in=STILL_OPEN,
        thread__key__in=list(threads),
    ).select_related("thread")
    fields = ("effect", "control", "text", "barrier_kind_id", "flag_managers", "funder", "shareable")
    Factor.objects.bulk_create(
        Factor(
            **{name: getattr(f, name) for name in fields},
            thread=threads[f.thread.key],
            barrier_status=f.barrier_status,
            barrier_status_at=f.barrier_status_at,
            origin_id=f.barrier_id,
            raised_on=f.raised_on or previous.held_on,
            created_by=by,
            updated_by=by,
        )
        for f in still_open
    )


@transaction.atomic
def round_next(*, previous: Round, by: Any, held_on: datetime.date | None = None, title: str = "") -> Round:
    """The next round from a closed one: same threads, last positions as ghosts, open actions to review,
    barriers still open."""
    if previous.state != State.CLOSED:
        raise ValidationError("Close this round before opening the next one.")
    if Round.objects.filter(previous=previous).exists():
        raise ValidationError("The next round after this one has already been opened.")
    held_on = held_on or timezone.localdate()
    form = Form.SHORT if previous.form == Form.CHECK_IN else previous.form
    round_ = Round.objects.create(
        unit=previous.unit,
        framework=previous.framework,
        form=form,
        title=clean_text(title, field="title", label="Title", required=False, limit=200)
        or _default_title(previous.unit, form, held_on),
        held_on=held_on,
        theme_keys=previous.theme_keys,
        previous=previous,
        created_by=by,
    )
    with source_language():  # the wording a round began with, in English and with its translations
        threads = [_copy_thread(t) for t in previous.threads.order_by("position")]
    if not threads:
        themes = framework_for(previous.framework, previous.unit.organisation, previous.unit, with_translations=True)
        threads = _threads_for(themes, form=form, theme_keys=[], thread_key="")
    _add_threads(round_, threads, ghosts=_team_positions(previous))
    _carry_actions(previous, round_, by)
    _carry_barriers(previous, round_, by)
    audit_record(actor=by, action="round.create", target=round_, organisation=round_.unit.organisation_id, form=form)
    return round_


@transaction.atomic
def round_grow(*, round_: Round, by: Any = None) -> Round:
    """Grow a coffee-break check-in into a short-form round; its answers stay with it."""
    if round_.form != Form.CHECK_IN:
        raise ValidationError("Only a check-in can grow into a full round.")
    if not round_.is_editable:
        raise ValidationError("This check-in is closed, so it cannot change now.")
    themes = framework_for(round_.framework, round_.unit.organisation, round_.unit, with_translations=True)
    _add_threads(round_, _threads_for(themes, form=Form.SHORT, theme_keys=[], thread_key=""))
    round_.form = Form.SHORT
    round_.save(update_fields=["form"])
    audit_record(actor=by, action="round.grow", target=round_, organisation=round_.unit.organisation_id)
    return round_


CHECK_IN_TEXT = ("hows_things", "going_well", "getting_in_the_way", "try_next")


@transaction.atomic
def check_in_save(*, check_in: CheckIn, version: int, by: Any, **answers: Any) -> CheckIn:
    """Save some of the five answers; a stale version is a conflict."""
    if not check_in.round.is_editable:
        raise ValidationError("This check-in is closed, so it cannot change now.")
    values: dict[str, Any] = {}
    for name, value in answers.items():
        if name in CHECK_IN_TEXT:
            values[name] = clean_text(value, field=name, label="Your answer", required=False)
        elif name == "talk_again_on":
            values[name] = value
        else:
            raise ValidationError({name: "There is no such question"})
    organisation = check_in.round.unit.organisation_id
    audit_record(actor=by, action="checkin.save", target=check_in, organisation=organisation, fields=sorted(values))
    return versioned_update(check_in, version=version, by=by, **values)
