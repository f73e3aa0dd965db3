"""Links, starting, answering, finishing and withdrawing, against the database."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from openpie.assessments import services as round_services
from openpie.assessments.models import Contribution, Placement
from openpie.assessments.overlay.selectors import SERVICE_USERS, round_overlay
from openpie.audit.models import AuditEvent
from openpie.participation import codes, services
from openpie.participation.models import Participation, ParticipationLink
from openpie.participation.tests.factories import answer_all, finished, make_link, start

pytestmark = pytest.mark.django_db

CODE_SHAPE = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")


@pytest.fixture
def round_(world):
    return world.round.round


@pytest.fixture
def link(round_, people):
    return make_link(round_, by=people.lead)


def service_user_beads(round_) -> int | None:
    thread = round_overlay(round_).threads[0]
    return thread.group(SERVICE_USERS).count


# Links -------------------------------------------------------------------------------------------


def test_a_new_link_is_open_for_the_default_days_and_audited(round_, people, settings):
    link = make_link(round_, by=people.lead)
    days = (link.expires_at - timezone.now()).days
    assert days == settings.OPENPIE_PARTICIPATION_LINK_DAYS - 1
    assert len(link.token) >= 20
    assert link.is_live
    assert AuditEvent.objects.filter(action="participation.link_create", target_id=str(link.pk)).exists()


def test_a_link_closes_at_the_end_of_its_closing_day(round_, people):
    today = timezone.localdate()
    link = services.link_create(round_=round_, by=people.lead, label="", expires_on=today)
    assert timezone.localtime(link.expires_at).date() == today + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="today or later"):
        services.link_create(round_=round_, by=people.lead, expires_on=today - datetime.timedelta(days=1))


def test_a_closed_round_gets_no_new_link(round_, people):
    round_services.round_submit(round_=round_)
    with pytest.raises(ValidationError):
        make_link(round_, by=people.lead)


def test_closing_a_link_is_recorded(link, people):
    services.link_close(link=link, by=people.lead)
    link.refresh_from_db()
    assert not link.is_live
    assert link.closed_by == people.lead
    assert AuditEvent.objects.filter(action="participation.link_close", actor=people.lead).exists()


# Starting ----------------------------------------------------------------------------------------


def test_starting_makes_a_started_contribution_with_an_empty_bead_on_every_thread(link, round_):
    contribution = start(link, display_name=" resident ")
    assert contribution.kind == Contribution.Kind.SERVICE_USER
    assert contribution.state == Contribution.State.STARTED
    assert contribution.display_name == "resident"
    assert contribution.author is None
    assert contribution.participation.via == Participation.Via.LINK
    assert contribution.participation.shares_comments is False
    assert contribution.placements.count() == round_.threads.count()


def test_the_same_consent_form_sent_twice_starts_one_contribution(link):
    first = start(link, start_key="the-same-key")
    second = start(link, start_key="the-same-key")
    assert first.pk == second.pk
    assert Contribution.objects.filter(kind=Contribution.Kind.SERVICE_USER).count() == 1


def test_consent_is_needed(link):
    with pytest.raises(ValidationError) as caught:
        services.participation_start(link=link, start_key="k", consent=False, shares_comments=False)
    assert "consent" in caught.value.message_dict
    assert not Contribution.objects.filter(kind=Contribution.Kind.SERVICE_USER).exists()


@pytest.mark.parametrize("how", ["closed", "expired", "round_in_review"])
def test_a_link_no_longer_open_saves_nothing(link, round_, people, how):
    if how == "closed":
        services.link_close(link=link, by=people.lead)
    elif how == "expired":
        ParticipationLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        link.refresh_from_db()
    else:
        round_services.round_submit(round_=round_)
        link.round.refresh_from_db()
    with pytest.raises(services.LinkClosedError):
        start(link)
    assert not Contribution.objects.filter(kind=Contribution.Kind.SERVICE_USER).exists()
    assert not Participation.objects.exists()


# Answering and finishing -------------------------------------------------------------------------


def test_an_answer_saves_the_bead_and_a_cleaned_comment(link, round_):
    contribution = start(link)
    thread = round_.threads.first()
    placement = services.participation_answer(
        contribution=contribution, thread=thread, position=3, comment="  More quiet space  "
    )
    assert (placement.position, placement.comment) == (3, "More quiet space")


def test_an_answer_off_the_scale_or_too_long_is_refused(link, round_):
    contribution = start(link)
    thread = round_.threads.first()
    with pytest.raises(ValidationError, match="Choose one"):
        services.participation_answer(contribution=contribution, thread=thread, position=21, comment="")
    with pytest.raises(ValidationError, match="1,000 characters"):
        services.participation_answer(contribution=contribution, thread=thread, position=2, comment="x" * 1001)


def test_an_answer_to_another_rounds_thread_is_refused(link, people, tree, framework):
    from openpie.assessments.tests.factories import make_round

    other = make_round(tree.service, framework, by=people.lead)
    contribution = start(link)
    with pytest.raises(ValidationError, match="not part"):
        services.participation_answer(contribution=contribution, thread=other.threads.all()[0], position=3, comment="")


def test_finishing_gives_a_code_stores_only_its_hash_and_counts_the_answers(link):
    contribution = start(link)
    answer_all(contribution, 12)
    code = services.participation_finish(contribution=contribution)
    assert code is not None
    assert CODE_SHAPE.match(code)
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.SUBMITTED
    assert contribution.submitted_at
    stored = Participation.objects.get(contribution=contribution).withdrawal_code_hash
    assert stored == codes.code_hash(codes.normalise(code))
    assert code.replace("-", "") not in stored


def test_finishing_twice_is_harmless_and_answers_then_cannot_change(link, round_):
    contribution = start(link)
    answer_all(contribution, 12)
    services.participation_finish(contribution=contribution)
    assert services.participation_finish(contribution=contribution) is None
    with pytest.raises(ValidationError, match="cannot change"):
        services.participation_answer(contribution=contribution, thread=round_.threads.first(), position=1)


def test_finishing_with_no_answer_is_refused(link):
    contribution = start(link)
    with pytest.raises(ValidationError, match="at least one"):
        services.participation_finish(contribution=contribution)


# With the code -----------------------------------------------------------------------------------


def test_withdrawing_erases_the_beads_comments_and_name_and_leaves_the_overlay(link, round_):
    mine, code = finished(link, 15, display_name="Sam", shares_comments=True)
    others = [finished(link, 8)[0] for _ in range(5)]
    assert service_user_beads(round_) == 5  # the first five: Sam and four others
    assert 15 in round_overlay(round_).threads[0].group(SERVICE_USERS).positions

    assert services.participation_withdraw(code=code.lower().replace("-", " ")) is True

    mine.refresh_from_db()
    assert mine.state == Contribution.State.WITHDRAWN
    assert mine.display_name == ""
    assert not Placement.objects.filter(contribution=mine).exclude(position=None).exists()
    assert not Placement.objects.filter(contribution=mine).exclude(comment="").exists()
    assert service_user_beads(round_) == 5
    assert 15 not in round_overlay(round_).threads[0].group(SERVICE_USERS).positions
    assert all(c.placements.exclude(position=None).exists() for c in others)
    assert services.participation_withdraw(code=code) is False  # a second time: nothing left to take out


@pytest.mark.parametrize("code", ["", "not a code", "ABCD-EFGH-JKMN", "ABCD-EFGH-JKM0"])
def test_a_wrong_code_changes_nothing_and_looks_like_no_code(link, code):
    someone, _ = finished(link, 8)
    assert services.participation_withdraw(code=code) is False
    assert services.participation_stop_sharing(code=code) is False
    someone.refresh_from_db()
    assert someone.state == Contribution.State.SUBMITTED


def test_stopping_sharing_hides_the_comments_but_keeps_the_beads(link, round_):
    mine, code = finished(link, 8, shares_comments=True)
    for _ in range(5):
        finished(link, 8, shares_comments=True)
    assert len(round_overlay(round_).threads[0].comments) == 5  # the first five's words, like their beads
    assert services.participation_stop_sharing(code=code) is True
    assert len(round_overlay(round_).threads[0].comments) == 4
    assert service_user_beads(round_) == 5
    mine.participation.refresh_from_db()
    assert mine.participation.shares_comments is False


# By proxy ----------------------------------------------------------------------------------------


def test_a_keyworker_starts_answers_for_someone_who_agreed(round_, people):
    contribution = services.proxy_start(
        round_=round_, by=people.staff, consent_confirmed=True, shares_comments=True, display_name="resident"
    )
    participation = contribution.participation
    assert participation.via == Participation.Via.PROXY
    assert participation.proxy_by == people.staff
    assert participation.proxy_consent_confirmed
    assert contribution.author is None
    assert AuditEvent.objects.filter(action="participation.proxy_start", actor=people.staff).exists()


def test_proxy_entry_needs_the_persons_agreement(round_, people):
    with pytest.raises(ValidationError) as caught:
        services.proxy_start(round_=round_, by=people.staff, consent_confirmed=False, shares_comments=False)
    assert "consent_confirmed" in caught.value.message_dict
    assert not Contribution.objects.filter(kind=Contribution.Kind.SERVICE_USER).exists()


def test_voiding_a_service_users_answers_takes_them_out_of_the_overlay(link, round_, people):
    from openpie.assessments.services.contributions import contribution_void

    contributions = [finished(link, 8)[0] for _ in range(5)]
    assert service_user_beads(round_) == 5
    contribution_void(contribution=contributions[0], by=people.lead, reason="Spoiled")
    assert service_user_beads(round_) is None  # four left: too few to show
