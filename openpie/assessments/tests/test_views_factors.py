"""Stage 3 pages: what helps and hinders; outside-control hindrances are barriers, flagged to someone."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Factor
from openpie.frameworks.models import BarrierKind

FETCH: dict[str, Any] = {"HTTP_X_REQUESTED_WITH": "fetch"}


def _stage(world) -> str:
    return reverse("assessments:stage-factors", args=[world.round.round.pk])


def _add(world) -> str:
    return reverse("assessments:factor-add", args=[world.round.thread.pk])


def _edit(factor: Factor) -> str:
    return reverse("assessments:factor-edit", args=[factor.pk])


def _kind(world, key: str = "move-on-accommodation") -> BarrierKind:
    return BarrierKind.objects.get(framework=world.framework, key=key)


def test_the_page_splits_helps_and_hinders_and_shows_barriers_with_who_hears(world, client_for):
    response = client_for(world.people.staff).get(_stage(world))
    html = response.content.decode()
    assert response.status_code == 200
    helps, hinders = html.index("What helps</h4>"), html.index("What hinders</h4>")
    assert helps < html.index("Monthly reflective practice") < hinders < html.index("No move-on flats")
    assert "Within our control" in html
    assert "Outside our control" in html
    assert "Move-on accommodation" in html
    assert "Our managers and County Council" in html


def test_the_add_form_reveals_barrier_questions_for_outside_control(world, client_for):
    html = client_for(world.people.staff).get(_stage(world)).content.decode()
    thread = world.round.thread.pk
    assert f'data-reveals="factor-{thread}-control-barrier"' in html
    assert (
        f'class="govuk-radios__conditional govuk-radios__conditional--hidden" id="factor-{thread}-control-barrier"'
        in html
    )
    assert "Tell our managers" in html
    for kind in BarrierKind.objects.filter(framework=world.framework):
        assert kind.name.replace("'", "&#x27;") in html


def test_adding_a_barrier_by_normal_submit(world, client_for):
    data = {
        "text": "Council housing waiting list is closed",
        "effect": "hinders",
        "control": "outside",
        "barrier_kind": _kind(world).pk,
        "funder": "Housing commissioners",
    }
    response = client_for(world.people.staff).post(_add(world), data)
    assert response.status_code == 302
    factor = Factor.objects.get(text="Council housing waiting list is closed")
    assert factor.is_barrier
    assert (factor.barrier_kind, factor.flag_managers, factor.funder) == (_kind(world), False, "Housing commissioners")


def test_a_barrier_without_its_kind_or_anyone_to_tell_gets_messages(world, client_for):
    client = client_for(world.people.staff)
    data = {"text": "Rules", "effect": "hinders", "control": "outside"}
    html = client.post(_add(world), data).content.decode()
    assert "Choose the kind of barrier" in html
    response = client.post(_add(world), {**data, "barrier_kind": _kind(world).pk}, **FETCH)
    assert response.status_code == 400
    assert "managers, a funder, or both" in response.json()["errors"]["flag_managers"][0]
    assert not Factor.objects.filter(text="Rules").exists()


def test_a_barrier_kind_of_another_framework_is_refused(world, client_for):
    data = {"text": "Rules", "effect": "hinders", "control": "outside", "barrier_kind": 99999, "flag_managers": "on"}
    response = client_for(world.people.staff).post(_add(world), data, **FETCH)
    assert response.status_code == 400
    assert "barrier_kind" in response.json()["errors"]


def test_missing_choices_get_plain_messages(world, client_for):
    response = client_for(world.people.staff).post(_add(world), {"text": ""}, **FETCH)
    errors = response.json()["errors"]
    assert errors["effect"] == ["Choose whether this helps or hinders"]
    assert errors["control"] == ["Choose whether this is within or outside your control"]
    assert errors["text"] == ["Enter what helps or hinders"]


def test_autosave_creates_then_updates_one_factor(world, client_for):
    client = client_for(world.people.staff)
    data = {"text": "Good superv", "effect": "helps", "control": "within"}
    first = client.post(_add(world), data, **FETCH).json()
    second = client.post(first["edit_url"], {**data, "text": "Good supervision", "version": 1}, **FETCH)
    assert second.status_code == 200
    assert Factor.objects.filter(text__startswith="Good superv").count() == 1


def test_the_edit_page_shows_the_saved_values(world, client_for):
    html = client_for(world.people.staff).get(_edit(world.round.barrier)).content.decode()
    assert "No move-on flats in the borough" in html
    assert 'value="outside" checked' in html
    assert f'<option value="{world.round.barrier.barrier_kind_id}" selected>' in html


def test_a_conflicting_factor_edit_shows_both_versions(world, client_for):
    barrier = world.round.barrier
    values = {"effect": "hinders", "control": "outside", "barrier_kind": barrier.barrier_kind, "flag_managers": True}
    services.factor_update(factor=barrier, version=1, by=world.people.lead, text="No flats at all", **values)
    data = {**values, "barrier_kind": barrier.barrier_kind_id, "flag_managers": "on", "text": "Few flats", "version": 1}
    response = client_for(world.people.staff).post(_edit(barrier), data, **FETCH)
    assert response.status_code == 409
    answer = response.json()
    assert (answer["theirs"]["text"], answer["yours"]["text"]) == ("No flats at all", "Few flats")
    assert answer["theirs"]["barrier_kind"] == str(barrier.barrier_kind_id)
    barrier.refresh_from_db()
    assert barrier.text == "No flats at all"


def test_a_reader_cannot_add_or_change(world, client_for):
    client = client_for(world.people.reader)
    data = {"text": "x", "effect": "helps", "control": "within"}
    assert client.post(_add(world), data).status_code == 403
    assert client.post(_edit(world.round.factor), {**data, "version": 1}).status_code == 403
    assert client.post(reverse("assessments:factor-remove", args=[world.round.factor.pk])).status_code == 403
    assert client.get(_stage(world)).status_code == 200


def test_outsiders_get_404(world, client_for):
    client = client_for(world.people.outsider)
    assert client.get(_stage(world)).status_code == 404
    assert client.post(_add(world), {}).status_code == 404
    assert client.get(_edit(world.round.factor)).status_code == 404


def test_removing_a_factor(world, client_for):
    url = reverse("assessments:factor-remove", args=[world.round.barrier.pk])
    client = client_for(world.people.staff)
    assert "Remove this barrier?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Factor.objects.filter(pk=world.round.barrier.pk).exists()


def test_the_stage_page_query_count_does_not_grow_with_items(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    with django_assert_max_num_queries(25) as before:
        client.get(_stage(world))
    kinds = list(BarrierKind.objects.filter(framework=world.framework))
    for thread in world.round.round.threads.all():
        for kind in kinds[:3]:
            services.factor_add(
                thread=thread,
                by=None,
                effect="hinders",
                control="outside",
                text=f"Barrier {kind.key}",
                barrier_kind=kind,
                flag_managers=True,
            )
            services.factor_add(thread=thread, by=None, effect="helps", control="within", text="Team spirit")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(_stage(world))


def test_add_forms_keep_a_draft_and_only_a_saved_factor_saves_as_you_type(world, client_for):
    """An add-form never creates its factor by itself (static/js/autosave.js: data-autosave="draft")."""
    client = client_for(world.people.staff)
    stage = client.get(_stage(world)).content.decode()
    assert stage.count('data-autosave="draft" class="openpie-add-form"') == world.round.round.threads.count()
    assert 'data-autosave="draft"' in client.get(_add(world)).content.decode()
    edit = client.get(_edit(world.round.barrier)).content.decode()
    assert "data-autosave>" in edit
    assert 'data-autosave="draft"' not in edit
