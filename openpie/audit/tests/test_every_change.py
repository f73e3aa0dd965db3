"""Every change of state leaves one event naming who, what and which record; views of service
users' words leave one event per page, however many rows it shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.assessments import services as assessments
from openpie.assessments.models import Contribution
from openpie.assessments.tests.api_operations import Voice, add_voices
from openpie.audit.models import AuditEvent
from openpie.organisations import services as organisations
from openpie.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db
USER = Contribution.Kind.SERVICE_USER


def _last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("pk")


def test_building_a_round_records_each_stage(world):
    by = world.people.staff
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    for action in ("round.create", "round.state", "placement.record", "evidence.add", "factor.add", "action.add"):
        assert action in actions
    event = _last("placement.record")
    assert (event.actor_id, event.organisation_id) == (by.pk, world.tree.organisation.pk)
    assert event.target_type == "assessments.placement"
    assert event.detail == {"position": 7, "target_position": 12}


def test_removing_records_before_the_record_goes(world):
    evidence_pk = world.round.evidence.pk
    assessments.evidence_remove(evidence=world.round.evidence, by=world.people.lead)
    assessments.factor_remove(factor=world.round.factor, by=world.people.lead)
    assessments.action_remove(action=world.round.action, by=world.people.lead)
    assert _last("evidence.remove").target_id == str(evidence_pk)
    assert {_last(a).actor_id for a in ("evidence.remove", "factor.remove", "action.remove")} == {world.people.lead.pk}


def test_round_state_changes_name_the_new_state(world):
    assessments.round_submit(round_=world.round.round, by=world.people.lead)
    assessments.round_close(round_=world.round.round, by=world.people.lead)
    states = list(AuditEvent.objects.filter(action="round.state").order_by("pk").values_list("detail", flat=True))
    assert states[-2:] == [{"to": "in_review"}, {"to": "closed"}]


def test_a_refused_change_leaves_no_event(world):
    before = AuditEvent.objects.count()
    with pytest.raises(Exception, match="must be"):
        assessments.round_close(round_=world.round.round, by=world.people.lead)
    assert AuditEvent.objects.count() == before


def test_members_and_units(people, tree):
    invitation, _link = organisations.invitation_create(
        unit=tree.service, email="new@example.org", role=Role.STAFF, invited_by=people.admin
    )
    organisations.invitation_cancel(invitation=invitation, by=people.admin)
    membership = Membership.objects.get(user=people.staff)
    organisations.membership_change_role(membership=membership, role=Role.READ_ONLY, by=people.admin)
    organisations.unit_create(
        parent=tree.service, name="Day team", kind="team", client_group="mixed", service_type="hostel", by=people.lead
    )
    invite = _last("member.invite")
    assert invite.detail == {"role": "staff"}
    assert "new@example.org" not in str(invite.detail)  # no personal data in events
    assert _last("member.change").detail == {"role": "read_only"}
    assert _last("unit.add").actor_id == people.lead.pk
    assert _last("member.invite_cancel").target_id == str(invitation.pk)


def test_export_download_is_recorded(world, client_for):
    from openpie.exports.services import export_request

    job = export_request(by=world.people.lead, kind="round", fmt="csv", target=world.round.round.pk)
    response = client_for(world.people.lead).get(reverse("exports:download", args=[job.pk]))
    assert response.status_code == 200
    event = _last("export.download")
    assert (event.actor_id, event.target_id, event.detail) == (world.people.lead.pk, str(job.pk), {"kind": "round"})


def test_the_overlay_with_comments_is_recorded_once_per_view(world, client_for):
    threads = list(world.round.round.threads.values_list("pk", flat=True))
    voices = [Voice(USER, dict.fromkeys(threads, 3 + n), shares_comments=True, comment=f"Words {n}") for n in range(6)]
    add_voices(world.round.round, voices)
    client = client_for(world.people.lead)
    before = AuditEvent.objects.filter(action="contribution.view").count()
    response = client.get(reverse("assessments:overlay", args=[world.round.round.pk]))
    assert response.status_code == 200
    assert b"Words 1" in response.content
    events = AuditEvent.objects.filter(action="contribution.view")
    assert events.count() == before + 1
    assert events.latest("pk").detail["page"] == "overlay"


def test_the_overlay_without_comments_records_nothing(world, client_for):
    client_for(world.people.lead).get(reverse("assessments:overlay", args=[world.round.round.pk]))
    assert not AuditEvent.objects.filter(action="contribution.view").exists()


def test_downloading_a_report_or_an_evidence_file_is_recorded(world, client_for):
    client = client_for(world.people.reader)
    assert client.get(reverse("assessments:report-pdf", args=[world.round.round.pk])).status_code == 200
    assert client.get(reverse("assessments:evidence-file", args=[world.round.file_evidence.pk])).status_code == 200
    assert _last("report.download").actor_id == world.people.reader.pk
    assert _last("evidence.download").target_id == str(world.round.file_evidence.pk)
