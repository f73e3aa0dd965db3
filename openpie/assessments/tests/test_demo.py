from io import StringIO

from django.core.management import call_command

from openpie.assessments.models import Placement, Round


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
