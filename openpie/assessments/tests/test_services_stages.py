"""Services of stages 2-4 and the check-in: versioned edits (two scribes), bad input, closed rounds."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from openpie.assessments import services
from openpie.assessments.models import Action, CheckIn, Evidence, Factor, Round
from openpie.assessments.services.edits import TEXT_LIMIT
from openpie.assessments.tests.factories import PDF_BYTES, make_round


def test_a_stale_version_raises_with_both_sides(world):
    evidence = world.round.evidence
    services.evidence_update(evidence=evidence, version=1, by=world.people.staff, text="First scribe")
    with pytest.raises(services.EditConflictError) as conflict:
        services.evidence_update(evidence=evidence, version=1, by=world.people.lead, text="Second scribe")
    assert conflict.value.theirs == {"text": "First scribe"}
    assert conflict.value.yours == {"text": "Second scribe"}
    assert Evidence.objects.get(pk=conflict.value.current.pk).version == 2
    evidence.refresh_from_db()
    assert evidence.text == "First scribe"


def test_an_identical_retry_is_not_a_conflict(world):
    """A save whose answer was lost is sent again with the old version: it must not fight itself."""
    factor = world.round.factor
    values: dict[str, Any] = {"effect": "helps", "control": "within", "text": "Weekly reflective practice"}
    services.factor_update(factor=factor, version=1, by=None, **values)
    again = services.factor_update(factor=factor, version=1, by=None, **values)
    assert again.text == "Weekly reflective practice"


def test_two_clients_racing_one_wins_and_the_other_sees_both(world):
    """Both loaded version 1; each holds its own copy of the row."""
    mine = Action.objects.select_related("round__unit").get(pk=world.round.action.pk)
    theirs = Action.objects.select_related("round__unit").get(pk=world.round.action.pk)
    services.action_update(action=theirs, version=1, by=None, what="Phone the council", status="in_progress")
    with pytest.raises(services.EditConflictError) as conflict:
        services.action_update(action=mine, version=1, by=None, what="Email the council", status="planned")
    assert conflict.value.theirs["what"] == "Phone the council"
    assert conflict.value.yours["what"] == "Email the council"
    assert Action.objects.get(pk=mine.pk).what == "Phone the council"


def test_keeping_mine_after_a_conflict_saves_with_the_new_version(world):
    evidence = world.round.evidence
    services.evidence_update(evidence=evidence, version=1, by=None, text="Theirs")
    with pytest.raises(services.EditConflictError) as conflict:
        services.evidence_update(evidence=evidence, version=1, by=None, text="Mine")
    current: Any = conflict.value.current
    saved = services.evidence_update(evidence=evidence, version=current.version, by=None, text="Mine")
    assert (saved.text, saved.version) == ("Mine", 3)


def test_check_in_answers_conflict_like_everything_else(tree, framework, people):
    round_ = make_round(tree.service, framework, form=Round.Form.CHECK_IN, by=people.staff)
    check_in = CheckIn.objects.get(round=round_)
    services.check_in_save(check_in=check_in, version=1, by=None, hows_things="Busy but fine")
    with pytest.raises(services.EditConflictError):
        services.check_in_save(check_in=check_in, version=1, by=None, hows_things="Quiet week")
    check_in.refresh_from_db()
    assert check_in.hows_things == "Busy but fine"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter what tells you so"),
        ("   ", "Enter what tells you so"),
        ("a\x00b", "cannot be saved (NUL)"),
        ("x" * (TEXT_LIMIT + 1), "5,000 characters or fewer"),
    ],
)
def test_bad_text_is_refused_and_what_was_saved_stays(world, text, message):
    evidence = world.round.evidence
    with pytest.raises(ValidationError) as error:
        services.evidence_update(evidence=evidence, version=1, by=None, text=text)
    assert message in error.value.message_dict["text"][0]
    evidence.refresh_from_db()
    assert (evidence.text, evidence.version) == ("Keyworkers meet each resident weekly", 1)


def test_a_round_in_review_refuses_changes_plainly(world):
    round_ = services.round_submit(round_=world.round.round)
    evidence = Evidence.objects.select_related("thread__round").get(pk=world.round.evidence.pk)
    with pytest.raises(ValidationError) as error:
        services.evidence_update(evidence=evidence, version=1, by=None, text="Changed")
    assert "in review" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.action_add(round_=round_, by=None, what="Too late")
    evidence.refresh_from_db()
    assert evidence.text == "Keyworkers meet each resident weekly"


def test_a_barrier_needs_its_kind_and_someone_to_tell(world):
    with pytest.raises(ValidationError) as error:
        services.factor_add(thread=world.round.thread, by=None, effect="hinders", control="outside", text="Rules")
    assert "barrier_kind" in error.value.message_dict


def test_a_hindrance_within_control_drops_barrier_fields(world):
    factor = services.factor_add(
        thread=world.round.thread,
        by=None,
        effect="hinders",
        control="within",
        text="Handover is rushed",
        barrier_kind=world.round.barrier.barrier_kind,
        funder="Someone",
    )
    assert (factor.is_barrier, factor.barrier_kind, factor.funder) == (False, None, "")


def _stored(storage, folder: str) -> set[str]:
    if not storage.exists(folder):
        return set()
    folders, files = storage.listdir(folder)
    return {f"{folder}/{name}" for name in files} | {p for sub in folders for p in _stored(storage, f"{folder}/{sub}")}


def test_attaching_a_file_with_a_stale_version_keeps_storage_clean(world):
    evidence = world.round.evidence
    services.evidence_update(evidence=evidence, version=1, by=None, text="Newer")
    storage, folder = evidence.file.storage, f"evidence/{world.round.round.pk}"
    before = _stored(storage, folder)
    pdf = SimpleUploadedFile("late.pdf", PDF_BYTES, content_type="application/pdf")
    with pytest.raises(services.EditConflictError):
        services.evidence_update(evidence=evidence, version=1, by=None, text="Older", upload=pdf)
    evidence.refresh_from_db()
    assert not evidence.file
    assert _stored(storage, folder) == before


def test_an_action_due_date_and_review_note_are_saved(world):
    action = services.action_update(
        action=world.round.action,
        version=1,
        by=None,
        what="Ask the council about move-on",
        due_on=datetime.date(2026, 3, 27),
        status="done",
        review_note="Two flats promised",
    )
    assert (action.due_on, action.status, action.review_note) == (
        datetime.date(2026, 3, 27),
        "done",
        "Two flats promised",
    )
    assert Factor.objects.filter(pk=world.round.barrier.pk).exists()
