from __future__ import annotations

import pytest
from django.urls import reverse

URL = "/healthz"


def test_the_url_is_where_load_balancers_look():
    assert reverse("operations:healthz") == URL


@pytest.mark.django_db
def test_answers_ok_without_touching_the_database_or_a_session(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_a_signed_in_client_with_a_session_cookie_still_touches_nothing(people, client_for, django_assert_num_queries):
    client = client_for(people.admin)
    assert client.get(reverse("home:home")).status_code == 200  # the session is real and in use
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db
def test_answers_head_too(client):
    assert client.head(URL).status_code == 200


@pytest.mark.django_db
def test_writing_to_it_is_refused(client):
    assert client.post(URL).status_code == 405
