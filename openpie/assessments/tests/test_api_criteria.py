"""API for what each level looks like and the team's review criteria ratings (the standard cases for every
operation are in ``test_api.py``, from ``ROUND_OPERATIONS``)."""

from __future__ import annotations

from openpie.assessments.models import CriterionRating
from openpie.assessments.tests.api_operations import validation_errors


def _url(world) -> str:
    return f"/threads/{world.round.thread.pk}/review-criteria"


def test_the_round_lists_each_threads_levels_and_criteria(world, api_for):
    body = api_for(world.people.reader).get(f"/rounds/{world.round.round.pk}/review-criteria").json()["items"]
    assert [t["key"] for t in body] == list(world.round.round.threads.values_list("key", flat=True))
    first = body[0]
    assert [lv["name"] for lv in first["levels"]] == ["Poor?", "Basic", "Progressing", "Advanced"]
    assert first["levels"][1]["description"] == world.round.thread.level_descriptors[1]
    assert (first["levels"][1]["first_position"], first["levels"][1]["last_position"]) == (6, 10)
    assert first["criteria"][0] == {
        "position": 0,
        "statement": world.round.thread.review_criteria[0],
        "rating": "",
        "note": "",
        "version": 0,
    }


def test_rating_then_changing_with_the_version_read(world, api_for):
    client = api_for(world.people.staff)
    body = client.put(_url(world), {"ratings": [{"position": 0, "rating": "amber", "note": "Partly"}]}).json()
    assert (body["criteria"][0]["rating"], body["criteria"][0]["note"]) == ("amber", "Partly")
    version = body["criteria"][0]["version"]
    again = client.put(_url(world), {"ratings": [{"position": 0, "rating": "green", "version": version}]})
    assert again.status_code == 200
    assert CriterionRating.objects.get(thread=world.round.thread, position=0).rating == "green"


def test_a_stale_version_is_409_and_nothing_changes(world, api_for):
    client = api_for(world.people.staff)
    client.put(_url(world), {"ratings": [{"position": 0, "rating": "amber"}]})
    response = client.put(_url(world), {"ratings": [{"position": 0, "rating": "red", "version": 0}]})
    assert response.status_code == 409
    assert CriterionRating.objects.get(thread=world.round.thread, position=0).rating == "amber"


def test_an_unknown_criterion_is_explained(world, api_for):
    response = api_for(world.people.staff).put(_url(world), {"ratings": [{"position": 9, "rating": "red"}]})
    assert validation_errors(response) == [(["body", "__all__"], "This thread has no review criterion number 10.")]
    assert not CriterionRating.objects.exists()


def test_an_unknown_colour_is_refused(world, api_for):
    response = api_for(world.people.staff).put(_url(world), {"ratings": [{"position": 0, "rating": "blue"}]})
    assert response.status_code == 422
    assert not CriterionRating.objects.exists()


def test_the_framework_detail_carries_descriptors_and_criteria(world, api_for):
    body = api_for(world.people.reader).get(f"/frameworks/{world.framework.pk}").json()
    element = body["themes"][4]["elements"][1]
    assert element["key"] == "roles"
    assert len(element["level_descriptors"]) == 4
    assert element["review_criteria"][0] == "Everyone in the team knows what is expected of them and of each other."
