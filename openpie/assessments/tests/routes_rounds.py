"""Rows of the page access table for the round pages: the list, starting, the overview, stage 1, stage 5."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route


def _round_url(name: str) -> Route:
    return Route("round.view", "service", lambda w: reverse(name, args=[w.round.round.pk]))


ROUTES: dict[str, Route | str] = {
    "assessments:round-list": Route(
        "round.view", "service", lambda w: reverse("assessments:round-list", args=[w.tree.service.pk])
    ),
    "assessments:round-new": Route(
        "round.start", "service", lambda w: reverse("assessments:round-new", args=[w.tree.service.pk])
    ),
    "assessments:round": _round_url("assessments:round"),
    "assessments:round-next": Route(
        "round.start", "service", lambda w: reverse("assessments:round-next", args=[w.round.round.pk])
    ),
    "assessments:stage-where": _round_url("assessments:stage-where"),
    "assessments:stage-review": _round_url("assessments:stage-review"),
    "assessments:round-state": "POST only: round.start (open, send for review, reopen) or round.close "
    "(test_views_rounds)",
    "assessments:placement": "POST only: round.record on the round's team beads only, anyone else's bead 404 "
    "(test_views_beads, test_ownership, the ownership matrix)",
    "assessments:my-actions": "signed in: only the person's own actions, in rounds they can see (test_views_review)",
}
