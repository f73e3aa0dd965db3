"""The stage pages' rows of the page access table (test_access_matrix): stages 2-4 and the check-in."""

from __future__ import annotations

from django.urls import reverse

from openpie.assessments.models import Round
from openpie.assessments.tests.factories import make_round
from openpie.organisations.tests.route import Route


def _round(name: str) -> Route:
    return Route("round.view", "service", lambda w: reverse(name, args=[w.round.round.pk]))


def _record(name: str, item: str) -> Route:
    return Route("round.record", "service", lambda w: reverse(name, args=[getattr(w.round, item).pk]))


def _check_in_url(w) -> str:
    check_in = make_round(w.tree.service, w.framework, by=w.people.staff, form=Round.Form.CHECK_IN)
    return reverse("assessments:check-in", args=[check_in.pk])


ROUTES: dict[str, Route | str] = {
    "assessments:stage-evidence": _round("assessments:stage-evidence"),
    "assessments:stage-factors": _round("assessments:stage-factors"),
    "assessments:stage-actions": _round("assessments:stage-actions"),
    "assessments:evidence-add": _record("assessments:evidence-add", "thread"),
    "assessments:evidence-edit": _record("assessments:evidence-edit", "evidence"),
    "assessments:evidence-remove": _record("assessments:evidence-remove", "evidence"),
    "assessments:evidence-file": Route(
        "round.view", "service", lambda w: reverse("assessments:evidence-file", args=[w.round.file_evidence.pk])
    ),
    "assessments:factor-add": _record("assessments:factor-add", "thread"),
    "assessments:factor-edit": _record("assessments:factor-edit", "factor"),
    "assessments:factor-remove": _record("assessments:factor-remove", "barrier"),
    "assessments:action-add": _record("assessments:action-add", "round"),
    "assessments:action-edit": _record("assessments:action-edit", "action"),
    "assessments:action-remove": _record("assessments:action-remove", "action"),
    "assessments:check-in-new": Route(
        "round.start", "service", lambda w: reverse("assessments:check-in-new", args=[w.tree.service.pk])
    ),
    "assessments:check-in": Route("round.view", "service", _check_in_url),
    "assessments:review-criteria": _round("assessments:review-criteria"),
    "assessments:thread-criteria": Route(
        "round.view", "service", lambda w: reverse("assessments:thread-criteria", args=[w.round.thread.pk])
    ),
    "assessments:round-grow": "round.start on the round, POST only (test_views_check_in)",
}
