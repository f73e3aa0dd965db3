"""The life of an example: draft → submitted → published or returned (with a note) → withdrawn."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openpie.audit.models import AuditEvent
from openpie.frameworks.models import Element
from openpie.practice import services
from openpie.practice.models import PracticeExample
from openpie.practice.tests.factories import make_example

pytestmark = pytest.mark.django_db
Status = PracticeExample.Status


def _values(tree, framework, **changes):
    values = {
        "unit": tree.service,
        "elements": list(Element.objects.filter(framework=framework, key="staff-support")),
        "title": "Supervision that helps",
        "story": "Monthly reflective supervision for every keyworker.",
        "what_changed": "Staff stay longer.",
        "contact": "",
        "visibility": PracticeExample.Visibility.EVERYONE,
        "anonymous": False,
    }
    return {**values, **changes}


def test_a_new_example_is_a_draft_of_the_unit_s_organisation(people, tree, framework):
    example = services.example_create(by=people.staff, **_values(tree, framework))
    assert example.status == Status.DRAFT
    assert example.organisation == tree.organisation
    assert [e.key for e in example.elements.all()] == ["staff-support"]
    assert AuditEvent.objects.filter(action="practice.create").count() == 1


def test_sharing_needs_the_share_role_at_the_unit(people, tree, framework):
    with pytest.raises(ValidationError) as caught:
        services.example_create(by=people.reader, **_values(tree, framework))
    assert "unit" in caught.value.message_dict


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Enter a title"),
        ({"story": ""}, "story", "Enter the story"),
        ({"what_changed": "x" * 5001}, "what_changed", "5000 characters or fewer"),
        ({"contact": "a\x00b"}, "contact", "NUL"),
        ({"elements": []}, "elements", "at least one element"),
        ({"visibility": "planet"}, "visibility", "Choose who can see"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(people, tree, framework, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        services.example_create(by=people.staff, **_values(tree, framework, **changes))
    assert message in " ".join(caught.value.message_dict[field])
    assert not PracticeExample.objects.exists()


def test_submit_publish_and_the_dates(people, tree, framework):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT)
    services.example_submit(example=example, by=people.staff)
    assert example.status == Status.SUBMITTED
    assert example.submitted_at is not None
    services.example_publish(example=example, by=people.lead)
    assert example.status == Status.PUBLISHED
    assert example.published_at is not None
    assert example.moderated_by == people.lead


def test_a_returned_example_carries_the_note_and_can_be_changed_and_sent_again(people, tree, framework):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    services.example_return(example=example, by=people.lead, note="Take out the resident's first name.")
    assert example.status == Status.RETURNED
    assert example.moderator_note == "Take out the resident's first name."
    services.example_update(example=example, by=people.staff, **_values(tree, framework, title="Better title"))
    services.example_submit(example=example, by=people.staff)
    assert PracticeExample.objects.get(pk=example.pk).title == "Better title"


def test_returning_needs_a_note(people, tree, framework):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.SUBMITTED)
    with pytest.raises(ValidationError, match="what to change"):
        services.example_return(example=example, by=people.lead, note="  ")
    assert PracticeExample.objects.get(pk=example.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED, Status.RETURNED, Status.WITHDRAWN])
def test_only_a_submitted_example_can_be_published(people, tree, framework, status):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=status)
    with pytest.raises(ValidationError):
        services.example_publish(example=example, by=people.lead)


def test_a_published_example_cannot_be_edited(people, tree, framework):
    example = make_example(author=people.staff, unit=tree.service, framework=framework)
    with pytest.raises(ValidationError, match="draft"):
        services.example_update(example=example, by=people.staff, **_values(tree, framework))


def test_only_the_author_edits_submits_or_withdraws(people, tree, framework):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.example_submit(example=example, by=people.lead)
    with pytest.raises(PermissionDenied):
        services.example_withdraw(example=example, by=people.lead)
    with pytest.raises(PermissionDenied):
        services.example_update(example=example, by=people.admin, **_values(tree, framework))


def test_the_author_withdraws_a_published_example(people, tree, framework):
    example = make_example(author=people.staff, unit=tree.service, framework=framework)
    services.example_withdraw(example=example, by=people.staff)
    assert example.status == Status.WITHDRAWN
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.example_withdraw(example=example, by=people.staff)


def test_an_example_cannot_move_to_another_organisation(people, tree, other_tree, framework):
    example = make_example(author=people.staff, unit=tree.service, framework=framework, status=Status.DRAFT)
    from openpie.organisations.tests.factories import grant

    grant(people.staff, other_tree.service)
    with pytest.raises(ValidationError) as caught:
        services.example_update(example=example, by=people.staff, **_values(other_tree, framework))
    assert "unit" in caught.value.message_dict
