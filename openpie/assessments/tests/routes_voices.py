"""The many-voices pages' rows of the page access table (test_access_matrix): your own beads, the
facilitated session and the overlay. Writes are POST only and tested in test_views_{voices,sessions,overlay}."""

from __future__ import annotations

from django.urls import reverse

from openpie.assessments.models import Round
from openpie.organisations.tests.route import Route


def _my_beads_url(w) -> str:
    Round.objects.filter(pk=w.round.round.pk).update(invites_individuals=True)
    return reverse("assessments:my-beads", args=[w.round.round.pk])


def _round(name: str, action: str = "round.view") -> Route:
    return Route(action, "service", lambda w: reverse(name, args=[w.round.round.pk]))


ROUTES: dict[str, Route | str] = {
    "assessments:my-beads": Route("round.contribute", "service", _my_beads_url),
    "assessments:session": _round("assessments:session"),
    "assessments:session-status": _round("assessments:session-status"),
    "assessments:session-start": _round("assessments:session-start", "round.facilitate"),
    # The overlay of an open round is for those with round.overlay; others get a 403 that says when they
    # will see it (access.can_see_overlay; test_views_overlay covers the round in review and sessions).
    "assessments:overlay": _round("assessments:overlay", "round.overlay"),
    "assessments:overlay-thread": Route(
        "round.overlay", "service", lambda w: reverse("assessments:overlay-thread", args=[w.round.thread.pk])
    ),
    "assessments:own-placement": "round.contribute on the person's own bead only, anyone else's 404, POST only "
    "(test_views_voices, test_ownership, the ownership matrix)",
    "assessments:round-invite": "round.facilitate, POST only (test_views_voices)",
    "assessments:session-reveal": "round.facilitate, POST only (test_views_sessions)",
    "assessments:session-end": "round.facilitate, POST only (test_views_sessions)",
    "assessments:consensus": "round.record and the overlay shown, POST only (test_views_overlay)",
}
