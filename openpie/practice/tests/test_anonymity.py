"""An anonymous example never reveals its organisation, unit, author or contact outside its organisation:
not on the library page, in search results, on its page, in the API, or in the "what others did" panel.
Each surface is checked with the canary's unique names (conftest), and shown to its moderators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpie.assessments.tests.factories import make_round
from openpie.practice.selectors import example_record
from openpie.practice.tests.conftest import CANARY_WORDS, assert_no_canary

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["outsider", "eastgate_staff"])
def reader(request, people, eastgate_staff):
    return people.outsider if request.param == "outsider" else eastgate_staff


def test_the_record_leaves_every_identifying_field_out_for_another_organisation(canary, reader):
    record = example_record(canary.example, reader)
    assert not record.identity_shown
    assert (record.organisation_name, record.unit_name, record.author_name, record.contact) == (None,) * 4
    assert record.moderator_note is None
    assert record.service_type == "Hostel or supported housing"  # what is not identifying stays


def test_the_library_page_does_not_show_the_organisation(canary, reader, client_for):
    response = client_for(reader).get(reverse("practice:library"))
    assert canary.example.title in response.content.decode()
    assert "asked to stay anonymous" in response.content.decode()
    assert_no_canary(response.content)


@pytest.mark.parametrize(
    "query",
    [
        {"q": "tea"},
        {"element": "staff-support"},
        {"element": "staff-training-and-support"},
        {"service_type": "hostel"},
        {"q": "tea", "element": "staff-support", "service_type": "hostel"},
    ],
)
def test_search_and_filter_results_do_not_show_the_organisation(canary, reader, client_for, query):
    response = client_for(reader).get(reverse("practice:library"), query)
    assert canary.example.title in response.content.decode()
    assert_no_canary(response.content)


@pytest.mark.parametrize("word", ["Quokkaville", "Canaryauthor", "canary-contact", "Canary Trust hostel"])
def test_searching_for_a_hidden_name_finds_nothing(canary, reader, client_for, word):
    response = client_for(reader).get(reverse("practice:library"), {"q": word})
    assert canary.example.title not in response.content.decode()
    assert "0 examples" in response.content.decode()


def test_the_example_page_does_not_show_the_organisation(canary, reader, client_for):
    response = client_for(reader).get(reverse("practice:detail", args=[canary.example.pk]))
    assert response.status_code == 200
    assert "Night staff share a pot of tea" in response.content.decode()
    assert_no_canary(response.content)


def test_the_api_list_and_detail_do_not_show_the_organisation(canary, reader, api_for):
    client = api_for(reader)
    listed = client.get("/practice/examples?q=tea")
    assert listed.json()["count"] == 1
    item = listed.json()["items"][0]
    assert item["identity_shown"] is False
    assert item["organisation_name"] is None
    assert item["author_name"] is None
    assert item["contact"] is None
    assert_no_canary(listed.content)
    detail = client.get(f"/practice/examples/{canary.example.pk}")
    assert detail.status_code == 200
    assert_no_canary(detail.content)
    assert_no_canary(client.get("/practice/examples?q=Quokkaville").content)


def test_the_what_others_did_panel_does_not_show_the_organisation(canary, people, other_tree, framework, client_for):
    round_ = make_round(other_tree.service, framework, by=people.outsider)
    response = client_for(people.outsider).get(reverse("assessments:stage-actions", args=[round_.pk]))
    content = response.content.decode()
    assert "What others did" in content
    assert canary.example.title in content
    assert_no_canary(content)


def test_moderators_and_colleagues_see_who_wrote_it(canary, client_for, api_for):
    page = client_for(canary.lead).get(reverse("practice:detail", args=[canary.example.pk])).content.decode()
    for word in CANARY_WORDS:
        assert word.lower() in page.lower()
    item = api_for(canary.lead).get(f"/practice/examples/{canary.example.pk}").json()
    assert item["organisation_name"] == "Quokkaville Canary Trust"
    assert item["author_name"] == "Zebedee Canaryauthor"
    assert item["contact"] == "canary-contact@quokkaville.example"


def test_a_platform_admin_moderating_sees_who_wrote_it(canary, admin_user):
    record = example_record(canary.example, admin_user)
    assert record.organisation_name == "Quokkaville Canary Trust"
    assert record.author_name == "Zebedee Canaryauthor"


def test_an_example_that_is_not_anonymous_shows_where_it_comes_from(canary, people, framework, client_for):
    from openpie.practice.tests.factories import make_example

    named = make_example(
        author=canary.author, unit=canary.tree.team, framework=framework, moderator=canary.lead, title="Named one"
    )
    record = example_record(named, people.outsider)
    assert record.identity_shown
    assert record.organisation_name == "Quokkaville Canary Trust"
    assert record.unit_name == "Quokkaville Canary Trust night team"
