"""Real servers for the fault and multi-server tests: gunicorn (DEBUG off) on loopback against the
suite's PostgreSQL test database, task workers, nginx. Every process is stopped at the end of its test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test import Client

from bench.servers import Process, server_env, start_gunicorn, start_task_worker
from openpie.accounts.tests.helpers import finish_second_step

PASSWORD = "a-long-test-password"


def skip_unless_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: several server processes share one database (SQLite here is in memory)")


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def set_server_password(user: Any) -> None:
    """A password the servers can check (the suite's own hasher is a fast test-only one they do not have)."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])


def signed_in(base: str, user: Any) -> requests.Session:
    """A client with the person's session (made directly in the database) and a form token."""
    client = Client()
    client.force_login(user)
    finish_second_step(client, user)
    return session_for(base, client.cookies["sessionid"].value)


def session_for(base: str, session_key: str) -> requests.Session:
    """A client with this session and a form token."""
    http = requests.Session()
    http.cookies.set("sessionid", session_key)
    http.get(f"{base}/sign-in/", timeout=10)  # sets the CSRF cookie
    return http


def csrf(http: requests.Session) -> dict[str, str]:
    return {"X-CSRFToken": http.cookies.get("csrftoken") or "", "Referer": "http://127.0.0.1/"}


class Servers:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.media = folder / "media"
        self.started: list[Process] = []

    def env(self, **extra: str) -> dict[str, str]:
        return server_env(database_url=database_url(), media_root=self.media, secret_key=settings.SECRET_KEY, **extra)

    def gunicorn(self, name: str = "app", workers: int = 2, **extra: str) -> Process:
        process = start_gunicorn(env=self.env(**extra), log=self.folder / f"{name}.log", workers=workers)
        self.started.append(process)
        return process

    def task_worker(self, name: str) -> Process:
        process = start_task_worker(env=self.env(), log=self.folder / f"{name}.log", name=name)
        self.started.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.started):
            process.stop()


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Servers]:
    skip_unless_postgresql()
    found = Servers(tmp_path)
    try:
        yield found
    finally:
        found.stop()
