"""The pages and saves a busy session hits most (round page, stage 1, bead save, evidence autosave)
take a small, fixed number of queries: the same with one thread or many (docs/performance.md)."""

from __future__ import annotations

from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Placement
from openpie.assessments.tests.factories import make_round, place

FETCH = {"X-Requested-With": "fetch"}
# Each figure includes the signed-in request's own: session, person, second step, memberships.
ROUND_PAGE, STAGE_ONE, BEAD_SAVE, EVIDENCE_SAVE = 11, 10, 9, 9


def _big_round(world):
    big = make_round(world.tree.service, world.framework, form="drill_down", theme_keys=["learning-and-enquiry"])
    for thread in big.threads.all():
        place(big, thread.key, 9)
        services.factor_add(thread=thread, by=None, effect="helps", control="within", text="Peer support")
        services.evidence_add(thread=thread, by=None, text="Seen at handover")
    return big


def test_the_round_page_takes_the_same_few_queries_however_big_the_round(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.people.staff)
    with django_assert_max_num_queries(ROUND_PAGE):
        assert client.get(reverse("assessments:round", args=[world.round.round.pk])).status_code == 200
    big = _big_round(world)
    with django_assert_max_num_queries(ROUND_PAGE):
        assert client.get(reverse("assessments:round", args=[big.pk])).status_code == 200


def test_stage_one_takes_the_same_few_queries_however_big_the_round(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    big = _big_round(world)
    with django_assert_max_num_queries(STAGE_ONE):
        assert client.get(reverse("assessments:stage-where", args=[big.pk])).status_code == 200


def test_a_bead_save_takes_a_fixed_few_queries(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    placement = Placement.objects.get(thread__round=world.round.round, thread__key="the-three-rs")
    url = reverse("assessments:placement", args=[placement.pk])
    for version, position in enumerate((4, 9, 13)):
        with django_assert_max_num_queries(BEAD_SAVE):
            answer = client.post(url, {"position": position, "target": "", "version": version}, headers=FETCH)
        assert answer.status_code == 200
        assert answer.json()["version"] == version + 1


def test_an_evidence_autosave_takes_a_fixed_few_queries(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.staff)
    evidence = world.round.evidence
    url = reverse("assessments:evidence-edit", args=[evidence.pk])
    for n in range(3):
        with django_assert_max_num_queries(EVIDENCE_SAVE):
            data = {"text": f"Seen at handover, {n}", "version": evidence.version + n}
            answer = client.post(url, data, headers=FETCH)
        assert answer.status_code == 200
