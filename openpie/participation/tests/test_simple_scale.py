"""The simple scale: four faces by default, mapped onto the framework's positions in one way (ADR 0016)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.assessments.models import Placement
from openpie.participation.models import ParticipationLink
from openpie.participation.scale import choice_to_position, face_for, position_to_choice
from openpie.participation.tests.factories import make_link
from openpie.participation.tests.test_views_public import consent, url


@pytest.mark.parametrize(("choice", "position"), [(1, 3), (2, 8), (3, 13), (4, 18)])
def test_each_choice_records_the_middle_of_its_level(choice, position):
    assert choice_to_position(choice, levels=4, per_level=5) == position


def test_every_position_reads_back_as_its_level_and_a_choice_round_trips():
    assert [position_to_choice(p, levels=4, per_level=5) for p in (1, 5, 6, 10, 11, 15, 16, 20)] == [
        1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip
    for levels, per_level in [(4, 5), (3, 1), (5, 2), (2, 4)]:
        for choice in range(1, levels + 1):
            position = choice_to_position(choice, levels=levels, per_level=per_level)
            assert position_to_choice(position, levels=levels, per_level=per_level) == choice


def test_a_choice_or_a_position_off_the_scale_is_refused():
    with pytest.raises(ValueError, match="choice 5"):
        choice_to_position(5, levels=4, per_level=5)
    with pytest.raises(ValueError, match="position 21"):
        position_to_choice(21, levels=4, per_level=5)


def test_the_faces_go_from_sad_to_a_big_smile_for_any_number_of_levels():
    assert [face_for(c, levels=4) for c in range(1, 5)] == [1, 2, 3, 4]
    assert [face_for(c, levels=3) for c in range(1, 4)] == [1, 3, 4]


@pytest.fixture
def link(world, people):
    return make_link(world.round.round, by=people.lead)


@pytest.mark.django_db
def test_a_new_link_is_simple_and_its_question_shows_four_faces_with_words(client, link):
    assert link.scale == ParticipationLink.Scale.SIMPLE
    consent(client, link)
    page = client.get(url("question", link, 1)).content.decode()
    assert page.count('name="position"') == 5  # four faces and "I would rather not say"
    for words, alt in [("Not good yet", "A sad face"), ("Really good", "A big smile")]:
        assert words in page
        assert f'alt="{alt}"' in page
    assert 'value="13"' in page  # "Getting better" records the middle of its level


@pytest.mark.django_db
def test_a_face_is_saved_as_its_position_and_shown_back_in_words(client, link, world):
    consent(client, link)
    client.post(url("question", link, 1), {"position": "13", "comment": "", "next": "1"})
    mine = Placement.objects.get(contribution__kind="service_user", thread=world.round.round.threads.first())
    assert mine.position == 13
    again = client.get(url("question", link, 1)).content.decode()
    assert 'value="13" checked' in again
    check = client.get(url("check", link)).content.decode()
    assert "Getting better" in check
    assert "of 5" not in check


@pytest.mark.django_db
def test_the_lead_can_make_a_link_on_the_fine_scale(client_for, people, world):
    round_ = world.round.round
    client = client_for(people.lead)
    response = client.post(reverse("participation:links", args=[round_.pk]), {"label": "Staff", "scale": "fine"})
    assert response.status_code == 302
    assert ParticipationLink.objects.get(label="Staff").scale == ParticipationLink.Scale.FINE


@pytest.mark.django_db
def test_an_unknown_scale_is_refused_with_a_message(client_for, people, world):
    client = client_for(people.lead)
    page = client.post(reverse("participation:links", args=[world.round.round.pk]), {"label": "X", "scale": "huge"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert not ParticipationLink.objects.filter(label="X").exists()
