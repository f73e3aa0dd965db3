"""An organisation's own level descriptions and review criteria (HTML view), beside its wording."""

from __future__ import annotations

from django.urls import reverse

from openpie.assessments.tests.factories import make_round
from openpie.frameworks.models import CustomWording, Element


def _url(world, key: str = "roles") -> str:
    return reverse("frameworks:guidance", args=[world.tree.organisation.pk, world.framework.pk, key])


def _data(world, **values) -> dict[str, str]:
    base = Element.objects.get(framework=world.framework, key="roles")
    data = {f"level_{i}": text for i, text in enumerate(base.level_descriptors)}
    return {**data, "review_criteria": "\n".join(base.review_criteria), **values}


def test_the_wording_page_links_to_levels_and_criteria(world, client_for):
    url = reverse("frameworks:organisation", args=[world.tree.organisation.pk])
    assert _url(world) in client_for(world.people.admin).get(url).content.decode()


def test_the_page_shows_the_framework_words_to_start_from(world, client_for):
    html = client_for(world.people.admin).get(_url(world)).content.decode()
    assert "What “Poor?” looks like" in html
    assert "Roles are unclear or overlap" in html
    assert "Everyone in the team knows what is expected of them and of each other." in html


def test_rewording_a_level_shows_in_new_rounds_and_keeps_the_rest(world, client_for):
    client = client_for(world.people.admin)
    response = client.post(
        _url(world), _data(world, level_1="Our roles are written down.", review_criteria="Our own first.\n\n")
    )
    assert response.status_code == 302
    wording = CustomWording.objects.get(organisation=world.tree.organisation, key="roles")
    assert wording.level_descriptors == ["", "Our roles are written down.", "", ""]
    assert wording.review_criteria == ["Our own first."]
    round_ = make_round(world.tree.team, world.framework, by=world.people.admin, form="single", thread_key="roles")
    thread = round_.threads.get(key="roles")
    assert thread.level_descriptors[1] == "Our roles are written down."
    assert thread.level_descriptors[0].startswith("Roles are unclear or overlap")
    assert thread.review_criteria == ["Our own first."]


def test_going_back_to_the_framework_words_removes_the_organisations_own(world, client_for):
    client = client_for(world.people.admin)
    client.post(_url(world), _data(world, level_1="Ours."))
    client.post(_url(world), {**_data(world), "reset": "1"})
    assert not CustomWording.objects.filter(organisation=world.tree.organisation, key="roles").exists()


def test_an_overlong_criterion_is_explained_and_nothing_is_saved(world, client_for):
    response = client_for(world.people.admin).post(_url(world), _data(world, review_criteria="x" * 301))
    assert response.status_code == 200
    assert "300 characters or fewer" in response.content.decode()
    assert not CustomWording.objects.exists()


def test_another_organisation_gets_404(world, client_for):
    assert client_for(world.people.outsider).get(_url(world)).status_code == 404


def test_a_staff_member_may_not_change_the_words(world, client_for):
    assert client_for(world.people.staff).post(_url(world), _data(world)).status_code == 403


def test_an_unknown_thread_is_404(world, client_for):
    assert client_for(world.people.admin).get(_url(world, "no-such-thread")).status_code == 404
