"""The lead's pages: links, QR code, poster, who took part (never their beads), setting aside; proxy entry."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.urls import reverse

from openpie.assessments.models import Contribution
from openpie.audit.models import AuditEvent
from openpie.participation.models import Participation, ParticipationLink
from openpie.participation.tests.factories import finished, make_link, start

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def round_(world):
    return world.round.round


@pytest.fixture
def link(round_, people):
    return make_link(round_, by=people.lead)


def test_the_lead_makes_a_link_with_a_closing_date(client_for, people, round_):
    client = client_for(people.lead)
    data = {"label": "Poster by the door", "expires_on_day": "1", "expires_on_month": "1", "expires_on_year": "2099"}
    response = client.post(reverse("participation:links", args=[round_.pk]), data, follow=True)
    link = ParticipationLink.objects.get(round=round_)
    assert link.label == "Poster by the door"
    assert link.expires_at.year == 2099
    assert link.token.encode() in response.content
    assert b"Link made" in response.content


def test_a_closing_date_in_the_past_is_a_clear_error(client_for, people, round_):
    data = {"expires_on_day": "1", "expires_on_month": "1", "expires_on_year": "2001"}
    response = client_for(people.lead).post(reverse("participation:links", args=[round_.pk]), data)
    assert response.status_code == 200
    assert b"today or later" in response.content
    assert not ParticipationLink.objects.exists()


def test_closing_a_link(client_for, people, link):
    response = client_for(people.lead).post(reverse("participation:link-close", args=[link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.closed_at is not None


@pytest.mark.parametrize(("persona", "status"), [("reader", 403), ("staff", 403), ("manager", 403), ("outsider", 404)])
def test_only_the_lead_may_close_a_link(client_for, people, link, persona, status):
    response = client_for(getattr(people, persona)).post(reverse("participation:link-close", args=[link.pk]))
    assert response.status_code == status
    link.refresh_from_db()
    assert link.closed_at is None


def test_closing_needs_post(client_for, people, link):
    assert client_for(people.lead).get(reverse("participation:link-close", args=[link.pk])).status_code == 405


def test_the_qr_code_is_an_svg_image_of_the_public_link(client_for, people, link):
    response = client_for(people.lead).get(reverse("participation:link-qr", args=[link.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith("inline")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert "QR code for" in (title.text or "")
    assert root.find(f"{SVG}path") is not None


def test_the_poster_is_a_pdf_with_the_link_closing_date_and_how_to_withdraw(client_for, people, link, tmp_path):
    response = client_for(people.lead).get(reverse("participation:link-poster", args=[link.pk]))
    assert response["Content-Type"] == "application/pdf"
    path = Path(tmp_path) / "poster.pdf"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()  # noqa: S603, S607
    flat = " ".join(text.split())
    assert f"Have your say about {link.round.unit.name}" in flat
    assert link.short_code_shown in flat  # printed large, to type at /go/
    assert "/go" in flat
    assert f"Open until {link.expires_at:%-d %B %Y}" in flat
    assert "anonymous" in flat
    assert "/take-part/withdraw/" in flat.replace(" ", "")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()  # noqa: S603, S607
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info)


def test_who_took_part_is_not_listed_while_fewer_than_five_have_started(client_for, people, link, round_):
    finished(link, 17, display_name="Sam", shares_comments=True)
    start(link)
    content = client_for(people.lead).get(reverse("participation:answers", args=[round_.pk])).content.decode()
    assert "Sam" not in content
    assert "The list shows once at least 5 people have started" in content


def test_who_took_part_shows_how_and_names_but_never_beads(client_for, people, link, round_):
    finished(link, 17, display_name="Sam", shares_comments=True)
    finished(link)
    finished(link)
    finished(link)
    start(link)
    response = client_for(people.lead).get(reverse("participation:answers", args=[round_.pk]))
    content = response.content.decode()
    assert "Sam" in content
    assert "Anonymous" in content
    assert "Not finished" in content
    assert "Really good" not in content
    assert "More activities" not in content  # their comment is not shown here
    assert "4 people" not in content
    assert "Fewer than 5 so far" in content


def test_the_number_finished_is_shown_once_five_have(client_for, people, link, round_):
    for _ in range(5):
        finished(link)
    response = client_for(people.lead).get(reverse("participation:links", args=[round_.pk]))
    assert b"5 people have finished" in response.content


def test_setting_answers_aside_needs_a_reason_and_is_recorded(client_for, people, link):
    contribution, _ = finished(link)
    client = client_for(people.lead)
    url = reverse("participation:void", args=[contribution.pk])
    assert b"Enter" in client.post(url, {"reason": ""}).content
    response = client.post(url, {"reason": "Abusive words"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.VOIDED
    assert AuditEvent.objects.filter(action="contribution.void", actor=people.lead).exists()


def test_staff_answers_cannot_be_set_aside_here(client_for, people, world):
    team = Contribution.objects.get(round=world.round.round, kind=Contribution.Kind.TEAM)
    assert client_for(people.lead).get(reverse("participation:void", args=[team.pk])).status_code == 404


def test_proxy_entry_walk_ends_with_the_code_for_the_person(client_for, people, round_):
    client = client_for(people.staff)
    start_url = reverse("participation:proxy-start", args=[round_.pk])
    key = client.get(start_url).context["form"]["start_key"].value()
    refused = client.post(start_url, {"start_key": key, "shares_comments": "no"})
    assert b"Confirm that the person agreed" in refused.content
    response = client.post(start_url, {"start_key": key, "consent_confirmed": "on", "shares_comments": "yes"})
    assert response["Location"] == reverse("participation:proxy-question", args=[round_.pk, 1])
    client.post(response["Location"], {"position": "4", "comment": "Kinder night staff"})
    done = client.post(reverse("participation:proxy-check", args=[round_.pk]), follow=True)
    assert b"Give this code to the person" in done.content
    assert "no-store" in done["Cache-Control"]
    participation = Participation.objects.get()
    assert participation.via == Participation.Via.PROXY
    assert participation.proxy_by == people.staff
    assert participation.contribution.state == Contribution.State.SUBMITTED


@pytest.mark.parametrize(("persona", "status"), [("reader", 403), ("outsider", 404)])
def test_proxy_pages_need_the_proxy_role(client_for, people, round_, persona, status):
    url = reverse("participation:proxy-question", args=[round_.pk, 1])
    assert client_for(getattr(people, persona)).get(url).status_code == status
