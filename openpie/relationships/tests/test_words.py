"""An organisation's own relationship words: set on a page by its admin or PIE lead, used by its
relationships view, and back to the framework's words at any time."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openpie.assessments import services as rounds
from openpie.assessments.tests.factories import make_round
from openpie.frameworks.models import RelationshipWordList
from openpie.frameworks.selectors import relationship_words_for
from openpie.frameworks.services import relationship_words_set
from openpie.relationships.selectors import round_relationships, unit_relationships

pytestmark = pytest.mark.django_db


def _url(tree, framework):
    return reverse("relationships:words", args=[tree.organisation.pk, framework.pk])


def test_own_words_replace_the_framework_s_for_that_organisation_only(tree, other_tree, framework):
    relationship_words_set(organisation=tree.organisation, framework=framework, words=["tea", "Key  worker", "TEA"])
    assert relationship_words_for(framework, tree.organisation.pk) == (["tea", "Key worker"], True)
    words, own = relationship_words_for(framework, other_tree.organisation.pk)
    assert "trust" in words
    assert not own


def test_the_framework_s_words_again_keep_nothing_of_its_own(tree, framework):
    relationship_words_set(organisation=tree.organisation, framework=framework, words=["tea"])
    relationship_words_set(organisation=tree.organisation, framework=framework, words=None)
    assert not RelationshipWordList.objects.exists()
    relationship_words_set(
        organisation=tree.organisation, framework=framework, words=list(framework.relationship_words)
    )
    assert not RelationshipWordList.objects.exists()


@pytest.mark.parametrize(
    ("words", "message"),
    [(["<b>trust</b>"], "letters only"), (["a"], "2 to 40"), ([" ", ""], "at least one word"), (["x\x00y"], "letters")],
)
def test_bad_words_are_refused(tree, framework, words, message):
    with pytest.raises(ValidationError, match=message):
        relationship_words_set(organisation=tree.organisation, framework=framework, words=words)


def test_the_relationships_views_use_the_organisation_s_words(tree, framework, people):
    round_ = make_round(tree.service, framework, by=people.staff)
    rounds.round_open(round_=round_)
    thread = round_.threads.order_by("position")[0]
    rounds.evidence_add(thread=thread, by=people.staff, text="We share a cuppa and build trust")
    relationship_words_set(organisation=tree.organisation, framework=framework, words=["cuppa"])
    found = round_relationships(round_=round_)
    assert [m.words for t in found.threads for m in t.evidence] == [("cuppa",)]
    assert unit_relationships(unit=tree.root).words == ["cuppa"]


def test_the_page_saves_the_words_and_goes_back(tree, framework, people, client_for):
    client = client_for(people.lead)
    page = client.get(_url(tree, framework)).content.decode()
    assert "key worker" in page
    response = client.post(_url(tree, framework), {"words": "cuppa\nkey worker\n"})
    assert response.status_code == 302
    assert relationship_words_for(framework, tree.organisation.pk) == (["cuppa", "key worker"], True)
    assert "Go back to the framework" in client.get(_url(tree, framework)).content.decode()
    client.post(_url(tree, framework), {"words": "ignored", "reset": "1"})
    assert not RelationshipWordList.objects.exists()


def test_bad_words_on_the_page_keep_what_was_typed(tree, framework, people, client_for):
    response = client_for(people.admin).post(_url(tree, framework), {"words": "cuppa\n<script>\n"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "cuppa\n&lt;script&gt;" in content
    assert not RelationshipWordList.objects.exists()


def test_the_page_is_for_those_who_customise_wording(tree, framework, people, client_for):
    assert client_for(people.staff).get(_url(tree, framework)).status_code == 403
    assert client_for(people.outsider).get(_url(tree, framework)).status_code == 404
    assert client_for(people.admin).put(_url(tree, framework)).status_code == 405


def test_the_wording_page_links_to_it(tree, framework, people, client_for):
    page = client_for(people.lead).get(reverse("frameworks:organisation", args=[tree.organisation.pk]))
    assert _url(tree, framework) in page.content.decode()
