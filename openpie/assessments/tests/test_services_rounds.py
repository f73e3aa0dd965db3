"""Starting rounds, their state changes, the next round, and placing beads (services, on the database)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from openpie.assessments import services
from openpie.assessments.models import Action, Placement, Round, Thread
from openpie.assessments.services.edits import EditConflictError
from openpie.assessments.tests.factories import make_round, place
from openpie.frameworks.services import framework_import, wording_set

State = Round.State
Form = Round.Form

# (service, the one state it may start from, the state it leads to)
TRANSITIONS = [
    (services.round_open, State.DRAFT, State.OPEN),
    (services.round_submit, State.OPEN, State.IN_REVIEW),
    (services.round_reopen, State.IN_REVIEW, State.OPEN),
    (services.round_close, State.IN_REVIEW, State.CLOSED),
]
ALL_PAIRS = [
    (service, start, allowed, leads_to)
    for (service, allowed, leads_to), start in itertools.product(TRANSITIONS, State.values)
]


def _framework_copy(*, key: str, owner, publish: bool):
    text = settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text().replace("key: pies-2\n", f"key: {key}\n", 1)
    return framework_import(text=text, owner=owner, publish=publish)


def _error_fields(error: ValidationError) -> set[str]:
    return set(error.error_dict) if hasattr(error, "error_dict") else set()


# State changes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "start", "allowed", "leads_to"), ALL_PAIRS, ids=lambda v: getattr(v, "__name__", str(v))
)
def test_each_state_change_happens_only_from_its_own_state(service, start, allowed, leads_to, tree, framework):
    round_ = make_round(tree.service, framework)
    Round.objects.filter(pk=round_.pk).update(state=start)
    round_.refresh_from_db()
    before = Round.objects.values("state", "opened_at", "closed_at").get(pk=round_.pk)
    if start == allowed:
        assert service(round_=round_).state == leads_to
        assert Round.objects.get(pk=round_.pk).state == leads_to
        return
    with pytest.raises(ValidationError, match="it must be"):
        service(round_=round_)
    assert Round.objects.values("state", "opened_at", "closed_at").get(pk=round_.pk) == before


def test_opening_and_closing_are_stamped(tree, framework):
    round_ = make_round(tree.service, framework)
    services.round_open(round_=round_)
    services.round_submit(round_=round_)
    services.round_close(round_=round_)
    round_.refresh_from_db()
    assert round_.opened_at is not None
    assert round_.closed_at is not None
    assert not round_.is_editable


# Starting a round -------------------------------------------------------------------------------


def test_a_short_form_round_has_one_thread_per_theme_and_an_empty_bead_on_each(tree, framework, people):
    round_ = make_round(tree.service, framework, by=people.staff)
    threads = list(round_.threads.order_by("position"))
    assert len(threads) == 5
    assert {t.kind for t in threads} == {Thread.Kind.THEME}
    assert threads[0].key == "psychological-awareness"
    assert round_.state == State.DRAFT
    assert "Riverside hostel" in round_.title
    placements = Placement.objects.filter(thread__round=round_)
    assert placements.count() == 5
    assert {p.position for p in placements} == {None}


def test_a_drill_down_round_opens_the_chosen_themes_into_their_elements(tree, framework):
    round_ = make_round(
        tree.service, framework, form=Form.DRILL_DOWN, theme_keys=["staff-training-and-support", "the-three-rs"]
    )
    keys = list(round_.threads.order_by("position").values_list("key", flat=True))
    assert keys == ["staff-training", "staff-support", "rules-and-procedures", "roles", "responsiveness"]
    assert round_.theme_keys == ["staff-training-and-support", "the-three-rs"]


def test_a_drill_down_round_keeps_each_themes_name_as_the_organisation_worded_it(tree, framework):
    words: dict[str, Any] = {"short_name": "", "description": "", "guiding_questions": [], "easy_read": ""}
    key = "staff-training-and-support"
    wording_set(organisation=tree.organisation, framework=framework, key=key, name="Looking after staff", **words)
    round_ = make_round(tree.service, framework, form=Form.DRILL_DOWN, theme_keys=[key])
    wording_set(organisation=tree.organisation, framework=framework, key=key, name="Later words", **words)
    assert set(round_.threads.values_list("theme_name", flat=True)) == {"Looking after staff"}
    services.round_submit(round_=services.round_open(round_=round_))
    services.round_close(round_=round_)
    following = services.round_next(previous=round_, by=None)
    assert set(following.threads.values_list("theme_name", flat=True)) == {"Looking after staff"}


def test_a_short_round_names_no_theme_above_its_threads(tree, framework):
    round_ = make_round(tree.service, framework)
    assert set(round_.threads.values_list("theme_name", flat=True)) == {""}


@pytest.mark.parametrize(("key", "kind"), [("psychological-awareness", "theme"), ("staff-support", "element")])
def test_a_single_bead_round_has_one_thread(key, kind, tree, framework):
    round_ = make_round(tree.service, framework, form=Form.SINGLE, thread_key=key)
    assert list(round_.threads.values_list("key", "kind")) == [(key, kind)]


@pytest.mark.parametrize(
    ("form", "arguments", "field"),
    [
        (Form.DRILL_DOWN, {"theme_keys": []}, "theme_keys"),
        (Form.DRILL_DOWN, {"theme_keys": ["no-such-theme"]}, "theme_keys"),
        (Form.SINGLE, {"thread_key": "no-such-thread"}, "thread_key"),
        (Form.SINGLE, {"thread_key": ""}, "thread_key"),
        ("everything", {}, "form"),
        (Form.SHORT, {"title": "x" * 201}, "title"),
        (Form.SHORT, {"title": "bad\x00title"}, "title"),
    ],
)
def test_a_bad_start_is_refused_on_the_right_field(form, arguments, field, tree, framework):
    with pytest.raises(ValidationError) as caught:
        make_round(tree.service, framework, form=form, **arguments)
    assert _error_fields(caught.value) == {field}
    assert not Round.objects.exists()


def test_an_unpublished_framework_is_refused(tree, framework):
    draft = _framework_copy(key="riverside-draft", owner=tree.organisation, publish=False)
    with pytest.raises(ValidationError) as caught:
        make_round(tree.service, draft)
    assert _error_fields(caught.value) == {"framework"}
    assert not Round.objects.exists()


def test_another_organisations_framework_is_refused(tree, other_tree, framework):
    theirs = _framework_copy(key="eastgate-own", owner=other_tree.organisation, publish=True)
    with pytest.raises(ValidationError) as caught:
        make_round(tree.service, theirs)
    assert _error_fields(caught.value) == {"framework"}
    ours = _framework_copy(key="riverside-own", owner=tree.organisation, publish=True)
    assert make_round(tree.service, ours).framework == ours


# The next round ---------------------------------------------------------------------------------


def _closed_round_with_actions(tree, framework, by):
    round_ = make_round(tree.service, framework, by=by)
    services.round_open(round_=round_)
    place(round_, "psychological-awareness", 7)
    place(round_, "the-three-rs", 12)
    thread = round_.threads.get(key="psychological-awareness")
    for status in Action.Status.values:
        services.action_add(round_=round_, by=by, what=f"An action that is {status}", thread=thread, status=status)
    services.round_submit(round_=round_)
    services.round_close(round_=round_)
    return round_


def test_the_next_round_carries_last_positions_as_ghosts_and_open_actions_only(tree, framework, people):
    previous = _closed_round_with_actions(tree, framework, people.staff)
    round_ = services.round_next(previous=previous, by=people.staff)
    assert round_.previous == previous
    assert round_.state == State.DRAFT
    ghosts = dict(Placement.objects.filter(thread__round=round_).values_list("thread__key", "previous_position"))
    assert ghosts["psychological-awareness"] == 7
    assert ghosts["the-three-rs"] == 12
    assert ghosts["learning-and-enquiry"] is None
    assert set(Placement.objects.filter(thread__round=round_).values_list("position", flat=True)) == {None}
    carried = list(round_.actions.select_related("thread", "carried_from"))
    assert sorted(a.status for a in carried) == ["in_progress", "planned"]
    assert {a.carried_from.round_id for a in carried if a.carried_from} == {previous.pk}
    assert {(a.thread.round_id, a.thread.key) for a in carried if a.thread} == {(round_.pk, "psychological-awareness")}
    assert all(a.carried_from and a.thread for a in carried)


@pytest.mark.parametrize("state", [State.DRAFT, State.OPEN, State.IN_REVIEW])
def test_the_next_round_needs_a_closed_round(state, tree, framework):
    round_ = make_round(tree.service, framework)
    Round.objects.filter(pk=round_.pk).update(state=state)
    round_.refresh_from_db()
    with pytest.raises(ValidationError, match="Close this round"):
        services.round_next(previous=round_, by=None)
    assert Round.objects.count() == 1


def test_there_is_only_one_next_round(tree, framework, people):
    previous = _closed_round_with_actions(tree, framework, people.staff)
    services.round_next(previous=previous, by=people.staff)
    with pytest.raises(ValidationError, match="already been opened"):
        services.round_next(previous=previous, by=people.staff)
    assert Round.objects.filter(previous=previous).count() == 1


# Placing beads ----------------------------------------------------------------------------------


@pytest.fixture
def bead(tree, framework):
    round_ = make_round(tree.service, framework)
    services.round_open(round_=round_)
    return Placement.objects.select_related("thread__round__framework").get(
        thread__round=round_, thread__key="psychological-awareness"
    )


def _record(bead, **values):
    return services.placement_record(placement=bead, version=bead.version, by=None, **values)


@pytest.mark.parametrize("value", [0, 21, -1, 999])
def test_a_position_off_the_scale_is_refused(value, bead):
    with pytest.raises(ValidationError) as caught:
        _record(bead, position=value, target=None)
    assert _error_fields(caught.value) == {"position"}
    with pytest.raises(ValidationError) as caught:
        _record(bead, position=3, target=value)
    assert _error_fields(caught.value) == {"target"}
    bead.refresh_from_db()
    assert (bead.position, bead.target, bead.version) == (None, None, 0)


def test_a_boolean_is_not_a_position(bead):
    with pytest.raises(ValidationError):
        _record(bead, position=True, target=None)
    bead.refresh_from_db()
    assert bead.position is None


def test_placing_a_bead_and_taking_it_off_again(bead, people):
    saved = services.placement_record(placement=bead, version=0, by=people.staff, position=20, target=1)
    assert (saved.position, saved.target, saved.version, saved.updated_by) == (20, 1, 1, people.staff)
    saved = services.placement_record(placement=saved, version=1, by=people.staff, position=None, target=None)
    assert (saved.position, saved.target, saved.version) == (None, None, 2)


def test_a_stale_version_is_a_conflict_and_keeps_the_other_change(bead):
    services.placement_record(placement=bead, version=0, by=None, position=5, target=None)
    with pytest.raises(EditConflictError) as caught:
        services.placement_record(placement=bead, version=0, by=None, position=9, target=None)
    assert caught.value.theirs == {"position": 5, "target": None}
    assert caught.value.yours == {"position": 9, "target": None}
    bead.refresh_from_db()
    assert (bead.position, bead.version) == (5, 1)


def test_the_same_change_sent_twice_is_not_a_conflict(bead):
    services.placement_record(placement=bead, version=0, by=None, position=5, target=8)
    again = services.placement_record(placement=bead, version=0, by=None, position=5, target=8)
    assert (again.position, again.target, again.version) == (5, 8, 1)


@pytest.mark.parametrize("state", [State.IN_REVIEW, State.CLOSED])
def test_beads_cannot_move_once_the_round_is_in_review_or_closed(state, bead):
    Round.objects.filter(pk=bead.thread.round_id).update(state=state)
    bead.thread.round.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot change now"):
        _record(bead, position=4, target=None)
    bead.refresh_from_db()
    assert bead.position is None
