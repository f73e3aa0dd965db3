"""Invitations from a CSV file of people: every row checked, all or nothing, the roles one may give."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from openpie.audit.models import AuditEvent
from openpie.onboarding.services.people_import import people_check, people_import
from openpie.organisations.models import Invitation

pytestmark = pytest.mark.django_db


def _good(tree):
    return f"email,unit,role\nsam@example.org,{tree.team.name},Staff member\nAlex@Example.org,,pie_lead\n"


def _problems(tree, by, text):
    with pytest.raises(ValidationError) as caught:
        people_check(organisation=tree.organisation, text=text, by=by)
    return caught.value.messages


def test_a_good_file_emails_every_invitation(tree, people, emailed):
    invitations = emailed(people_import, organisation=tree.organisation, text=_good(tree), by=people.admin)
    assert [(i.email, i.unit, i.role) for i in invitations] == [
        ("sam@example.org", tree.team, "staff"),
        ("alex@example.org", tree.root, "pie_lead"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.org", "sam@example.org"]
    assert AuditEvent.objects.filter(action="member.import").count() == 1


def test_bad_rows_name_their_lines_and_nothing_is_sent(tree, people, emailed):
    text = (
        "email,unit,role\n"
        "sam@example.org,Nowhere,Staff member\n"
        "not-an-email,,Staff member\n"
        "kim@example.org,,Captain\n"
        f"{people.staff.email},{tree.service.name},Staff member\n"
        "ok@example.org,,Staff member\n"
        "ok@example.org,,Manager\n"
    )
    assert _problems(tree, people.admin, text) == [
        "Line 2: there is no unit called “Nowhere”",
        "Line 3: “not-an-email” is not an email address",
        "Line 4: “Captain” is not a role. Use one of: Organisation admin, PIE lead, Manager, Staff member, "
        "Read-only, Commissioner or funder, Researcher",
        f"Line 5: {people.staff.email} is already a member of {tree.service.name}",
        "Line 7: ok@example.org is on an earlier line for Riverside too",
    ]
    with pytest.raises(ValidationError):
        emailed(people_import, organisation=tree.organisation, text=text, by=people.admin)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_pie_lead_cannot_make_an_organisation_admin(tree, people):
    text = "email,unit,role\nboss@example.org,,Organisation admin\n"
    assert _problems(tree, people.lead, text) == [
        "Line 2: only an organisation admin can give the organisation admin role"
    ]
    assert len(people_check(organisation=tree.organisation, text=text, by=people.admin)) == 1


def test_another_organisations_unit_is_not_found(tree, other_tree, people):
    text = f"email,unit,role\nx@example.org,{other_tree.team.name},Staff member\n"
    assert _problems(tree, people.admin, text) == [f"Line 2: there is no unit called “{other_tree.team.name}”"]


def _url(tree):
    return reverse("onboarding:people-import", args=[tree.organisation.pk])


def test_check_then_send_from_the_page(client_for, tree, people, django_capture_on_commit_callbacks):
    client = client_for(people.admin)
    page = client.post(_url(tree), {"text": _good(tree), "check": "1"}).content.decode()
    assert "Check the invitations before sending them" in page
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(tree), {"text": _good(tree), "confirm": "1"})
    assert response.status_code == 302
    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_page_is_404_for_another_organisation_and_403_for_a_reader(client_for, tree, people):
    assert client_for(people.outsider).get(_url(tree)).status_code == 404
    assert client_for(people.reader).post(_url(tree), {"text": _good(tree), "confirm": "1"}).status_code == 403
    assert not Invitation.objects.exists()
