"""Shared pieces of the many-voices API tests (test_api_voices, test_api_overlay)."""

from __future__ import annotations

from openpie.assessments.models import Contribution, Placement, Round
from openpie.assessments.tests.api_operations import Voice, add_voices
from openpie.audit.models import AuditEvent

STAFF = Contribution.Kind.INDIVIDUAL
USER = Contribution.Kind.SERVICE_USER


def recorded() -> dict[str, object]:
    """Everything a many-voices write could change."""
    return {
        "contributions": sorted(Contribution.objects.values_list("pk", "kind", "state", "void_reason")),
        "placements": sorted(Placement.objects.values_list("pk", "position", "version", "agreed_from")),
        "audit": AuditEvent.objects.filter(action="contribution.void").count(),
    }


def everyone(round_: Round, *, staff: int = 0, users: int = 0, position: int = 10, **voice: object) -> None:
    """``staff`` staff members and ``users`` service users, each with a bead on every thread."""
    threads = list(round_.threads.values_list("pk", flat=True))
    voices = [Voice(STAFF, dict.fromkeys(threads, position))] * staff
    voices += [Voice(USER, dict.fromkeys(threads, position), **voice)] * users  # type: ignore[arg-type]
    add_voices(round_, voices)
