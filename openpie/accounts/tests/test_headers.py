"""Production's security headers and cookies, read from the real settings with OPENPIE_ENV=production."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from openpie.accounts.tests.factories import PASSWORD

SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"
PRODUCTION_KEYS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_NAME",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_REFERRER_POLICY",
    "CONTENT_SECURITY_POLICY",
]


@pytest.fixture
def production(monkeypatch) -> dict[str, object]:
    monkeypatch.setenv("OPENPIE_ENV", "production")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "header-test-" + "x" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    loaded = runpy.run_path(str(SETTINGS_FILE))
    return {key: loaded[key] for key in PRODUCTION_KEYS}


def test_production_cookies_are_host_only_and_secure(production):
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True


@pytest.mark.django_db
def test_a_signed_in_page_in_production_carries_every_header(production, people):
    with override_settings(**production):
        client = Client()
        signed_in = client.post("/sign-in/", {"username": people.staff.email, "password": PASSWORD}, secure=True)
        response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    # Scripts only from this site (or with the page's nonce, when a page uses one); nothing inline.
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert signed_in.status_code == 302
    cookie = signed_in.cookies["__Host-sessionid"]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["path"] == "/"
    assert not cookie["domain"]


@pytest.mark.django_db
def test_every_page_is_no_store_but_static_files_are_cacheable(client):
    assert "no-store" in client.get("/sign-in/")["Cache-Control"]
    static = client.get("/static/css/openpie.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_plain_http_is_sent_to_https_in_production(production):
    with override_settings(**production):
        response = Client().get("/sign-in/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
