"""Review criteria pages: the team rates statements red, amber or green, with a note, before placing a bead."""

from __future__ import annotations

from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import CriterionRating, Thread
from openpie.assessments.services.criteria import RatingInput
from openpie.audit.models import AuditEvent


def _round_page(world) -> str:
    return reverse("assessments:review-criteria", args=[world.round.round.pk])


def _thread_page(thread: Thread) -> str:
    return reverse("assessments:thread-criteria", args=[thread.pk])


def _post(world, **values) -> dict[str, object]:
    data = {"rating_0": "green", "note_0": "", "version_0": "0", "rating_1": "", "note_1": "", "version_1": "0"}
    return {**data, **values}


def test_the_round_page_lists_every_threads_criteria_unrated(world, client_for):
    response = client_for(world.people.staff).get(_round_page(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check against the review criteria" in html
    assert "We can explain, in our own words, how we make sense of behaviour that challenges us." in html
    assert html.count("Not rated") == sum(len(t.review_criteria) for t in world.round.round.threads.all())
    assert _thread_page(world.round.thread) in html


def test_rating_a_thread_saves_the_ratings_and_notes_and_shows_them(world, client_for):
    client = client_for(world.people.staff)
    response = client.post(
        _thread_page(world.round.thread),
        _post(world, rating_0="amber", note_0="Night staff have not had the training", rating_1="red"),
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#thread-{world.round.thread.pk}")
    ratings = list(CriterionRating.objects.filter(thread=world.round.thread).order_by("position"))
    assert [(r.rating, r.note) for r in ratings] == [("amber", "Night staff have not had the training"), ("red", "")]
    assert ratings[0].statement == world.round.thread.review_criteria[0]
    assert AuditEvent.objects.filter(action="criteria.rate", actor=world.people.staff).exists()
    html = client.get(_round_page(world)).content.decode()
    assert "Amber: partly" in html
    assert "Night staff have not had the training" in html


def test_the_thread_page_shows_what_each_level_looks_like(world, client_for):
    html = client_for(world.people.staff).get(_thread_page(world.round.thread)).content.decode()
    assert "What each level looks like" in html
    assert world.round.thread.level_descriptors[3] in html
    assert 'name="rating_0"' in html


def test_a_stale_version_is_a_conflict_and_keeps_the_other_persons_rating(world, client_for):
    criteria = list(world.round.thread.review_criteria)
    services.criteria_ratings_record(
        thread=world.round.thread,
        criteria=criteria,
        ratings=[RatingInput(position=0, rating="red", note="Theirs")],
        by=world.people.lead,
    )
    response = client_for(world.people.staff).post(_thread_page(world.round.thread), _post(world), follow=True)
    assert "Someone else saved ratings for this part" in response.content.decode()
    assert CriterionRating.objects.get(thread=world.round.thread, position=0).note == "Theirs"


def test_an_unknown_rating_is_explained_and_nothing_is_saved(world, client_for):
    response = client_for(world.people.staff).post(_thread_page(world.round.thread), _post(world, rating_0="purple"))
    assert response.status_code == 200
    assert "Choose red, amber, green or not rated" in response.content.decode()
    assert not CriterionRating.objects.exists()


def test_a_note_with_a_nul_character_is_explained_and_nothing_is_saved(world, client_for):
    response = client_for(world.people.staff).post(_thread_page(world.round.thread), _post(world, note_0="a\x00b"))
    assert response.status_code == 200
    assert "cannot be saved (NUL)" in response.content.decode()
    assert not CriterionRating.objects.exists()


def test_a_reader_sees_the_ratings_without_a_form_and_cannot_save(world, client_for):
    client = client_for(world.people.reader)
    html = client.get(_thread_page(world.round.thread)).content.decode()
    assert 'name="rating_0"' not in html
    assert "Not rated" in html
    assert client.post(_thread_page(world.round.thread), _post(world)).status_code == 403
    assert not CriterionRating.objects.exists()


def test_another_organisation_gets_404(world, client_for):
    client = client_for(world.people.outsider)
    assert client.get(_round_page(world)).status_code == 404
    assert client.get(_thread_page(world.round.thread)).status_code == 404
    assert client.post(_thread_page(world.round.thread), _post(world)).status_code == 404


def test_a_closed_round_keeps_its_ratings_still(world, client_for):
    round_ = world.round.round
    services.round_submit(round_=round_)
    response = client_for(world.people.staff).post(_thread_page(world.round.thread), _post(world))
    assert "cannot change now" in response.content.decode()
    assert not CriterionRating.objects.exists()


def test_stage_one_and_the_overview_link_to_the_criteria(world, client_for):
    client = client_for(world.people.staff)
    for name in ("assessments:stage-where", "assessments:round"):
        html = client.get(reverse(name, args=[world.round.round.pk])).content.decode()
        assert _round_page(world) in html, name


def test_a_round_begun_before_threads_kept_criteria_reads_the_framework(world, client_for):
    Thread.objects.filter(round=world.round.round).update(level_descriptors=[], review_criteria=[])
    html = client_for(world.people.staff).get(_round_page(world)).content.decode()
    assert "We can explain, in our own words, how we make sense of behaviour that challenges us." in html


def test_stage_one_carries_each_threads_levels_for_the_tag_beside_the_bead(world, client_for):
    from django.template import Context, Template

    response = client_for(world.people.staff).get(reverse("assessments:stage-where", args=[world.round.round.pk]))
    guidance = response.context["guidance"]
    thread = world.round.thread
    html = Template("{% load guidance %}{% level_descriptors guidance thread position=7 %}").render(
        Context({"guidance": guidance, "thread": thread})
    )
    assert "What each level looks like" in html
    assert thread.level_descriptors[0] in html.replace("&#x27;", "'")
    assert html.count("Your bead is here") == 1
    assert html.index("Your bead is here") > html.index(">Basic")


def test_a_rounds_guidance_takes_the_same_queries_however_many_threads(world, django_assert_max_num_queries):
    from openpie.assessments.guidance import round_guidance
    from openpie.assessments.models import Round
    from openpie.assessments.tests.factories import make_round

    small = Round.objects.select_related("framework", "unit__organisation").get(pk=world.round.round.pk)
    with django_assert_max_num_queries(2) as few:
        round_guidance(round_=small)
    big = make_round(world.tree.service, world.framework, form="drill_down", theme_keys=["learning-and-enquiry"])
    big = Round.objects.select_related("framework", "unit__organisation").get(pk=big.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(round_guidance(round_=big)) == 4
