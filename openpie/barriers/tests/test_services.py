import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from openpie.audit.models import AuditEvent
from openpie.barriers import services
from openpie.barriers.models import BarrierResponse, Notification

pytestmark = pytest.mark.django_db


def test_a_response_is_kept_audited_and_told_to_the_service(world, people, django_capture_on_commit_callbacks):
    barrier = world.round.barrier
    with django_capture_on_commit_callbacks(execute=True):
        response = services.barrier_respond(
            factor=barrier, by=people.manager, status="action_agreed", text="We will fund two move-on flats."
        )

    assert BarrierResponse.objects.get() == response
    assert response.responder_organisation == world.tree.organisation
    event = AuditEvent.objects.get(action="barrier.respond")
    assert event.target_id == str(barrier.pk)
    assert event.detail["status"] == "action_agreed"
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    # The PIE lead above the service, the staff member who recorded it; not the manager who responded.
    assert {people.lead.email, people.staff.email} <= told
    assert people.manager.email not in told
    assert people.reader.email not in told
    assert people.outsider.email not in told
    assert all("Action agreed" in n.text for n in Notification.objects.all())
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == told
    assert "We will fund two move-on flats." in mail.outbox[0].body


def test_the_latest_response_is_the_current_one(world, people):
    services.barrier_respond(factor=world.round.barrier, by=people.manager, status="noted", text="Seen")
    services.barrier_respond(factor=world.round.barrier, by=people.admin, status="investigating", text="On it")

    assert world.round.barrier.barrier_responses.first().status == "investigating"


def test_a_factor_that_is_not_a_barrier_cannot_have_a_response(world, people):
    with pytest.raises(ValidationError):
        services.barrier_respond(factor=world.round.factor, by=people.manager, status="noted", text="Seen")
    assert not BarrierResponse.objects.exists()


@pytest.mark.parametrize(
    ("status", "text", "field"),
    [("maybe", "Seen", "status"), ("noted", "   ", "text"), ("noted", "a\x00b", "text"), ("noted", "x" * 4001, "text")],
)
def test_bad_input_is_refused_with_a_clear_message(world, people, status, text, field):
    with pytest.raises(ValidationError) as caught:
        services.barrier_respond(factor=world.round.barrier, by=people.manager, status=status, text=text)
    assert field in caught.value.message_dict
    assert not Notification.objects.exists()


def test_reading_notifications_marks_only_ones_own(world, people):
    services.barrier_respond(factor=world.round.barrier, by=people.manager, status="noted", text="Seen")

    assert services.notifications_read(user=people.staff) == 1
    assert Notification.objects.filter(recipient=people.staff, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=people.lead, read_at__isnull=True).count() == 1
