from io import StringIO

from django.core.management import call_command

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.overlay.selectors import SERVICE_USERS, STAFF, round_overlay


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    return out.getvalue()


def test_the_demo_has_a_closed_round_its_next_round_and_a_check_in(framework):
    assert "Demo rounds added" in _seed()
    closed = Round.objects.get(state=Round.State.CLOSED)
    current = Round.objects.get(previous=closed)
    assert current.state == Round.State.OPEN
    ghosts = Placement.objects.filter(thread__round=current).exclude(previous_position=None)
    assert ghosts.count() == closed.threads.count() == 5
    assert current.actions.filter(carried_from__isnull=False).count() == 2
    assert Round.objects.filter(form=Round.Form.CHECK_IN, check_in__going_well__contains="Breakfast").exists()


def test_seeding_again_adds_no_more_rounds(framework):
    _seed()
    count = Round.objects.count()
    assert "Demo rounds added" not in _seed()
    assert Round.objects.count() == count == 3


def test_the_demo_overlay_shows_staff_and_service_users_side_by_side(framework):
    output = _seed()
    assert "five team members' own beads" in output
    assert "six people took part" in output
    current = Round.objects.get(state=Round.State.OPEN, previous__isnull=False)
    thread = round_overlay(current).threads[3]  # spaces of opportunity
    assert thread.group(STAFF).count == 5
    assert thread.group(SERVICE_USERS).count == 5  # six took part: the first batch of five shows
    assert thread.gap is not None
    assert thread.gap < 0
    assert "Let us help choose how the lounge looks." in thread.comments
    assert "More things to do in the evening." not in thread.comments  # that person did not agree to share it


def test_seeding_again_adds_no_more_voices(framework):
    _seed()
    count = Contribution.objects.count()
    output = _seed()
    assert "Many voices added" not in output
    assert "Service users' views added" not in output
    assert Contribution.objects.count() == count
