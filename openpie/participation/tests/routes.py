"""Rows of the page access table (test_access_matrix) for the participation pages.

``w`` is the ``world`` fixture; a link (and a service user's answers) are made when a URL needs one.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from openpie.organisations.tests.route import Route
from openpie.participation.tests.factories import make_link, start


def _round_url(name: str) -> Any:
    return lambda w: reverse(name, args=[w.round.round.pk])


def _link_url(name: str) -> Any:
    return lambda w: reverse(name, args=[make_link(w.round.round).pk])


def _void_url(w: Any) -> str:
    return reverse("participation:void", args=[start(make_link(w.round.round)).pk])


PARTICIPATION_ROUTES: dict[str, Route | str] = {
    "participation:links": Route("participation.manage", "service", _round_url("participation:links")),
    "participation:answers": Route("participation.manage", "service", _round_url("participation:answers")),
    "participation:link-qr": Route("participation.manage", "service", _link_url("participation:link-qr")),
    "participation:link-poster": Route("participation.manage", "service", _link_url("participation:link-poster")),
    "participation:void": Route("contribution.void", "service", _void_url),
    "participation:proxy-start": Route("participation.proxy", "service", _round_url("participation:proxy-start")),
    "participation:link-close": "POST only: participation.manage on the link's round (test_views_lead)",
    "participation:proxy-question": "participation.proxy, then only the answers this session started (test_views_lead)",
    "participation:proxy-check": "participation.proxy, then only the answers this session started (test_views_lead)",
    "participation:proxy-done": "participation.proxy, then only the answers this session started (test_views_lead)",
    "participation:landing": "public: needs the link's secret token; 410 once closed (test_views_public)",
    "participation:consent": "public: needs the link's secret token; rate limited (test_views_public)",
    "participation:question": "public: only the answers this browser's session started (test_views_public)",
    "participation:check": "public: only the answers this browser's session started (test_views_public)",
    "participation:done": "public: only the answers this browser's session started (test_views_public)",
    "participation:withdraw": "public: needs the withdrawal code; rate limited (test_views_public)",
    "participation:withdraw-confirm": "public: the code entered in this session (test_views_public)",
    "participation:withdraw-done": "public: the outcome for this session (test_views_public)",
    "participation:go": "public: type a link's short code; every try rate limited (test_go)",
    "participation:go-code": "public: a link's short code in the address; every try rate limited (test_go)",
    "participation:shared-actions": "POST only: participation.manage on the round (test_said_did)",
    "participation:text-size": "public, POST only: the larger-text choice, a cookie (test_go)",
}
