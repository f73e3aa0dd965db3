"""Rate limits kept in the database: counted per hour, keyed by a hash, old rows pruned."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from openpie.participation import ratelimit
from openpie.participation.models import RateEvent

pytestmark = pytest.mark.django_db


def test_the_limit_is_reached_after_so_many_tries_in_an_hour(settings):
    settings.OPENPIE_RATE_ADDRESS_WITHDRAWALS = 3
    for _ in range(3):
        ratelimit.hit(scope=ratelimit.ADDRESS_WITHDRAWALS, subject="203.0.113.9")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(scope=ratelimit.ADDRESS_WITHDRAWALS, subject="203.0.113.9")
    ratelimit.hit(scope=ratelimit.ADDRESS_WITHDRAWALS, subject="203.0.113.10")  # another address is not held up


def test_no_address_is_stored(settings):
    ratelimit.hit(scope=ratelimit.ADDRESS_STARTS, subject="203.0.113.9")
    event = RateEvent.objects.get()
    assert "203.0.113.9" not in event.key
    assert len(event.key) == 64


def test_tries_older_than_an_hour_no_longer_count_and_are_pruned(settings):
    settings.OPENPIE_RATE_ADDRESS_STARTS = 1
    ratelimit.hit(scope=ratelimit.ADDRESS_STARTS, subject="a")
    RateEvent.objects.update(at=timezone.now() - datetime.timedelta(hours=1, seconds=1))
    ratelimit.hit(scope=ratelimit.ADDRESS_STARTS, subject="a")
    assert RateEvent.objects.count() == 1


def test_limits_are_shared_by_every_app_server_through_the_database(settings):
    """Nothing is counted in memory: a row written by another server counts here too."""
    settings.OPENPIE_RATE_LINK_STARTS = 1
    ratelimit.hit(scope=ratelimit.LINK_STARTS, subject="7")
    row = RateEvent.objects.get()
    RateEvent.objects.all().delete()
    RateEvent.objects.create(scope=row.scope, key=row.key)  # as another server would have written it
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(scope=ratelimit.LINK_STARTS, subject="7")


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4")
    settings.OPENPIE_BEHIND_PROXY = False
    assert ratelimit.client_address(request) == "10.0.0.2"
    settings.OPENPIE_BEHIND_PROXY = True
    assert ratelimit.client_address(request) == "198.51.100.4"  # the first part could be made up by the client
