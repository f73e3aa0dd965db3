"""Rate limits for the public pages, kept in the database so every app server shares them.

Each counted attempt is a ``RateEvent`` row with a keyed hash of what it is counted against
(a link, or an address): no address is stored. Limits are per hour (settings
``OPENPIE_RATE_*``); rows older than the hour are pruned as new ones come in.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from openpie.common.http import client_address
from openpie.participation.codes import keyed_hash
from openpie.participation.models import ParticipationLink, RateEvent

WINDOW = timedelta(hours=1)
LINK_STARTS = "link_start"
ADDRESS_STARTS = "address_start"
ADDRESS_WITHDRAWALS = "address_withdraw"
GO_TRIES = "go_try"  # a link's short code typed at /go/
# Asking to start an organisation, and trying the set-up code (openpie/onboarding): per address.
ORGANISATION_REQUESTS = "org_request"
SETUP_TRIES = "setup_try"


class RateLimited(Exception):  # noqa: N818 - read as "rate limited", like Http404
    """Too many attempts in the last hour."""


def _limit(scope: str) -> int:
    return {
        LINK_STARTS: settings.OPENPIE_RATE_LINK_STARTS,
        ADDRESS_STARTS: settings.OPENPIE_RATE_ADDRESS_STARTS,
        ADDRESS_WITHDRAWALS: settings.OPENPIE_RATE_ADDRESS_WITHDRAWALS,
        GO_TRIES: settings.OPENPIE_RATE_GO_TRIES,
        ORGANISATION_REQUESTS: settings.OPENPIE_RATE_ORGANISATION_REQUESTS,
        SETUP_TRIES: settings.OPENPIE_RATE_SETUP_TRIES,
    }[scope]


@transaction.atomic
def hit(*, scope: str, subject: str) -> None:
    """Count one attempt against ``subject``; ``RateLimited`` if the hour's limit is already reached."""
    now = timezone.now()
    since = now - WINDOW
    key = keyed_hash(f"{scope}:{subject}", purpose="rate-limit")
    RateEvent.objects.filter(scope=scope, at__lt=since).delete()
    if RateEvent.objects.filter(scope=scope, key=key, at__gte=since).count() >= _limit(scope):
        raise RateLimited(scope)
    RateEvent.objects.create(scope=scope, key=key, at=now)


def check_start(request: HttpRequest, link: ParticipationLink) -> None:
    """A person starting through a link: counted per link and per address."""
    hit(scope=ADDRESS_STARTS, subject=client_address(request))
    hit(scope=LINK_STARTS, subject=str(link.pk))


def check_go(request: HttpRequest) -> None:
    """A try of a link's short code (typed or opened as /go/XXXXXXXX): counted per address."""
    hit(scope=GO_TRIES, subject=client_address(request))


def check_withdrawal(request: HttpRequest) -> None:
    """A try of a withdrawal code: counted per address."""
    hit(scope=ADDRESS_WITHDRAWALS, subject=client_address(request))
