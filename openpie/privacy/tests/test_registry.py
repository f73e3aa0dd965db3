"""Every link from a model to a person is named by its app in the personal-data registry.

A new foreign key, one-to-one or many-to-many to the user model fails here until its app's
``personal_data.py`` says where it goes: a section of the person's copy, or kept (with why).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from openpie.common.personal_data import KEPT, holdings, sections


def _links_to_people() -> set[tuple[str, str]]:
    user = get_user_model()
    found = set()
    for model in apps.get_models(include_auto_created=False):
        if not model.__module__.startswith("openpie."):
            continue
        for f in model._meta.get_fields():
            if getattr(f, "concrete", False) and f.is_relation and f.related_model is user:
                found.add((model._meta.app_label, f"{model.__name__}.{f.name}"))
        for f in model._meta.many_to_many:
            if f.related_model is user:
                found.add((model._meta.app_label, f"{model.__name__}.{f.name}"))
    return found


def _named() -> set[tuple[str, str]]:
    return {(h.app, link) for h in holdings() for link in h.links}


def test_every_link_to_a_person_is_named_by_its_app():
    missing = sorted(_links_to_people() - _named())
    assert not missing, f"Not in any app's personal_data.py: {missing}"


def test_every_named_link_exists():
    assert not sorted(_named() - _links_to_people())


def test_each_link_goes_to_a_section_or_says_why_it_is_kept():
    keys = {s.key for s in sections()}
    for holding in holdings():
        for link, where in holding.links.items():
            if where.startswith(KEPT):
                assert where.startswith(f"{KEPT}: "), link
                assert len(where) > len(KEPT) + 10, link  # a reason, not a word
            else:
                assert where in keys, (holding.app, link, where)


def test_section_keys_are_unique():
    keys = [s.key for s in sections()]
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
def test_the_links_once_missed_are_in_the_copy(voiced):
    from openpie.assessments.models import Round, VotingSession
    from openpie.participation.models import ParticipationLink
    from openpie.participation.tests.factories import make_link
    from openpie.privacy.services import subject_access_data

    lead, round_ = voiced.people.lead, voiced.round.round
    Round.objects.filter(pk=round_.pk).update(created_by=lead)
    VotingSession.objects.create(round=round_, started_by=lead)
    link = make_link(round_, by=lead)
    ParticipationLink.objects.filter(pk=link.pk).update(closed_by=lead)
    data = subject_access_data(person=lead)
    assert [r["round"] for r in data["rounds_started"]] == [round_.title]
    assert [s["round"] for s in data["sessions_run"]] == [round_.title]
    assert [(r["you_made_it"], r["you_closed_it"]) for r in data["participation_links"]] == [(True, True)]
    assert data["review_responses"] == []
