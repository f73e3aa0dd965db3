import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from openpie.accounts.tests.factories import UserFactory
from openpie.audit.models import AuditEvent
from openpie.barriers.models import LocalityCall, Notification
from openpie.organisations.models import Organisation, Role, Unit
from openpie.organisations.services import organisation_create
from openpie.organisations.tests.factories import grant
from openpie.sharing.tests.factories import make_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(world):
    organisation = organisation_create(name="County Council", kind=Organisation.Kind.COMMISSIONER)
    root = Unit.objects.get(organisation=organisation, parent__isnull=True)
    commissioner = UserFactory.create(email="commissioner@council.example")
    grant(commissioner, root, Role.COMMISSIONER)
    reader = UserFactory.create(email="reader@council.example")
    grant(reader, root, Role.READ_ONLY)
    make_grant(unit=world.tree.root, grantee=organisation, scope="barriers")
    return organisation, commissioner, reader


def _data(world, **extra):
    today = timezone.localdate()
    later, earlier = today + datetime.timedelta(days=30), today - datetime.timedelta(days=60)
    data = {
        "areas": [world.tree.locality.pk],
        "message": "Please share what holds you back before the budget round.",
        "rounds_from_day": earlier.day,
        "rounds_from_month": earlier.month,
        "rounds_from_year": earlier.year,
        "answer_by_day": later.day,
        "answer_by_month": later.month,
        "answer_by_year": later.year,
    }
    data.update(extra)
    return data


def test_a_commissioner_starts_a_call_every_service_is_invited_and_the_tracker_shows_who_answered(
    world, people, council, client_for, django_capture_on_commit_callbacks
):
    _, commissioner, _ = council
    client = client_for(commissioner)
    assert "Riverside locality" in client.get(reverse("barriers:calls")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("barriers:calls"), _data(world))

    call = LocalityCall.objects.get()
    assert response.status_code == 302
    assert list(call.services.all()) == [world.tree.service]  # the hostel, not its night team
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    assert {people.staff.email, people.lead.email, people.manager.email} <= told
    assert people.outsider.email not in told
    assert {a for m in mail.outbox for a in m.to} == told
    assert AuditEvent.objects.filter(action="call.start").exists()
    # the service flagged a barrier in this round (the world's round, held today): answered
    page = client.get(reverse("barriers:call", args=[call.pk])).content.decode()
    assert 'id="call-answered">1 of 1<' in page
    assert "Riverside hostel" in page
    # the service sees the call at home and on its factors stage
    staff = client_for(people.staff)
    assert "Asked to share your barriers" in staff.get(reverse("home:home")).content.decode()
    stage = staff.get(reverse("assessments:stage-factors", args=[world.round.round.pk])).content.decode()
    assert "County Council" in stage


def test_a_service_that_has_not_flagged_a_barrier_is_not_yet_answered(world, people, council, client_for):
    _, commissioner, _ = council
    client = client_for(commissioner)
    world.round.barrier.__class__.objects.filter(pk=world.round.barrier.pk).update(flag_managers=False)
    client.post(reverse("barriers:calls"), _data(world))
    page = client.get(reverse("barriers:call", args=[LocalityCall.objects.get().pk])).content.decode()
    assert 'id="call-answered">0 of 1<' in page
    assert "Not yet" in page


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"areas": []}, "Choose at least one area whose services you are asking"),
        ({"message": ""}, "Enter a message to the services"),
        ({"answer_by_year": "1066"}, "The date to answer by must be between"),
        ({"answer_by_year": "2001"}, "The date to answer by must be today or in the future"),
        ({"rounds_from_day": "", "rounds_from_month": "", "rounds_from_year": ""}, "Enter the first date of rounds"),
    ],
)
def test_invalid_input_is_refused_clearly_and_nothing_is_sent(world, council, client_for, extra, message):
    _, commissioner, _ = council
    response = client_for(commissioner).post(reverse("barriers:calls"), _data(world, **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LocalityCall.objects.exists()
    assert not Notification.objects.exists()


def test_an_area_not_shared_with_the_commissioner_is_refused(world, council, client_for, other_tree):
    _, commissioner, _ = council
    response = client_for(commissioner).post(reverse("barriers:calls"), _data(world, areas=[other_tree.service.pk]))
    assert response.status_code == 400
    assert not LocalityCall.objects.exists()


def test_read_only_gets_403_and_an_outsider_404(world, people, council, client_for):
    _, commissioner, reader = council
    client_for(commissioner).post(reverse("barriers:calls"), _data(world))
    call = LocalityCall.objects.get()
    assert client_for(reader).post(reverse("barriers:calls"), _data(world)).status_code == 403
    assert client_for(reader).get(reverse("barriers:call", args=[call.pk])).status_code == 403
    assert client_for(people.outsider).get(reverse("barriers:call", args=[call.pk])).status_code == 404
    # the service's own admin is no commissioner of the calling organisation either
    assert client_for(people.admin).get(reverse("barriers:call", args=[call.pk])).status_code == 404
    assert LocalityCall.objects.count() == 1
