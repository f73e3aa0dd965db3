"""A copy of everything about a person, as JSON and as a tagged PDF; the person's own, or a member's for an admin."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from openpie.accounts.services import api_token_create
from openpie.assessments.tests.test_reports import pdf_objects, pdf_text
from openpie.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _json(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_your_data_holds_everything_about_you(voiced, client_for):
    staff = voiced.people.staff
    api_token_create(user=staff, name="My spreadsheet")
    data = _json(client_for(staff).get(reverse("privacy:mine-download", args=["json"])))
    assert data["account"]["email"] == staff.email
    assert data["memberships"] == [{"organisation": "Riverside", "unit": "Riverside hostel", "role": "Staff member"}]
    assert [t["name"] for t in data["api_tokens"]] == ["My spreadsheet"]
    assert "secret" not in json.dumps(data["api_tokens"])
    assert "key" not in data["api_tokens"][0]
    assert "Keyworkers meet each resident weekly" in [e["text"] for e in data["evidence"]]
    assert "Monthly reflective practice" in [f["text"] for f in data["factors"]]
    assert {b["position"] for b in data["own_beads"]} == {3}
    assert "evidence.add" in {e["action"] for e in data["audit_events"]}
    assert "Added evidence" in {e["what"] for e in data["audit_events"]}


def test_your_data_holds_nothing_of_anyone_else(voiced, client_for):
    data = _json(client_for(voiced.people.reader).get(reverse("privacy:mine-download", args=["json"])))
    assert data["evidence"] == []
    assert data["own_beads"] == []
    assert "colleague0@riverside.example" not in json.dumps(data)


def test_the_pdf_opens_is_tagged_and_holds_the_same(voiced, client_for, tmp_path):
    response = client_for(voiced.people.staff).get(reverse("privacy:mine-download", args=["pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    objects = pdf_objects(response.content)
    assert b"/StructTreeRoot" in objects
    assert b"/Lang" in objects
    text = pdf_text(response.content, tmp_path)
    assert "Everything OpenPIE holds about" in text
    assert voiced.people.staff.email in text
    assert "Keyworkers meet each resident weekly" in text
    assert "What the audit trail records you doing" in text


def test_making_a_copy_is_in_the_audit_trail(voiced, client_for):
    client_for(voiced.people.admin).get(reverse("privacy:person-download", args=[voiced.people.staff.pk, "json"]))
    event = AuditEvent.objects.get(action="privacy.subject_access")
    assert (event.actor_id, event.target_id, event.organisation_id) == (
        voiced.people.admin.pk,
        str(voiced.people.staff.pk),
        voiced.tree.organisation.pk,
    )
    assert event.detail == {"format": "json"}


def test_an_admin_gets_a_members_copy(voiced, client_for):
    data = _json(
        client_for(voiced.people.admin).get(reverse("privacy:person-download", args=[voiced.people.staff.pk, "json"]))
    )
    assert data["account"]["email"] == voiced.people.staff.email


@pytest.mark.parametrize(("persona", "status"), [("lead", 403), ("manager", 403), ("reader", 403), ("outsider", 404)])
def test_only_an_admin_of_their_organisation_gets_a_members_copy(voiced, client_for, persona, status):
    url = reverse("privacy:person-download", args=[voiced.people.staff.pk, "json"])
    assert client_for(getattr(voiced.people, persona)).get(url).status_code == status
    assert not AuditEvent.objects.filter(action="privacy.subject_access").exists()


def test_a_platform_admin_gets_anyones_copy(voiced, client_for):
    from openpie.accounts.tests.factories import UserFactory

    platform = UserFactory.create(is_staff=True, is_superuser=True)
    url = reverse("privacy:person-download", args=[voiced.people.outsider.pk, "json"])
    assert _json(client_for(platform).get(url))["account"]["email"] == voiced.people.outsider.email


def test_an_unknown_format_or_person_is_not_found(voiced, client_for):
    client = client_for(voiced.people.admin)
    assert client.get(reverse("privacy:mine-download", args=["doc"])).status_code == 404
    assert client.get(reverse("privacy:person", args=[999999])).status_code == 404


def test_wrong_method(voiced, client_for):
    client = client_for(voiced.people.staff)
    assert client.post(reverse("privacy:mine")).status_code == 405
    assert client.post(reverse("privacy:mine-download", args=["json"])).status_code == 405


def test_the_account_page_and_the_notice_link_here(voiced, client_for, client):
    page = client_for(voiced.people.staff).get(reverse("accounts:profile")).content.decode()
    assert reverse("privacy:mine") in page
    notice = client.get(reverse("privacy:notice"))
    assert notice.status_code == 200
    assert (
        reverse("participation:withdraw") in notice.content.decode()
    )  # withdrawal by code, for those without an account


def test_the_copy_takes_a_fixed_number_of_queries(voiced, django_assert_max_num_queries):
    # One query a section, whatever the person holds (21 since passkeys have their own).
    from openpie.privacy.services import subject_access_data

    with django_assert_max_num_queries(21):
        subject_access_data(person=voiced.people.staff)


def test_practice_examples_you_shared_are_in_your_copy(voiced):
    from openpie.practice.tests.factories import make_example
    from openpie.privacy.services import subject_access_data

    make_example(author=voiced.people.staff, unit=voiced.tree.service, framework=voiced.framework)
    examples = subject_access_data(person=voiced.people.staff)["practice_examples"]
    assert [e["title"] for e in examples] == ["Walk and talk keywork"]
    assert subject_access_data(person=voiced.people.reader)["practice_examples"] == []
