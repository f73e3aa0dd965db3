"""Pages are sent compressed to clients that accept it, and still work (the security policy, htmx)."""

from __future__ import annotations

import gzip
import re

import pytest


@pytest.mark.django_db
def test_a_page_is_compressed_and_keeps_its_security_policy_and_scripts(people, client_for):
    client = client_for(people.staff)
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert re.search(r'<script defer src="[^"]*htmx\.min\.js"', html)
    assert len(response.content) < len(html.encode()) / 3


@pytest.mark.django_db
def test_a_client_that_does_not_accept_gzip_gets_plain_html(people, client_for):
    response = client_for(people.staff).get("/")
    assert "Content-Encoding" not in response
    assert b"<html" in response.content
