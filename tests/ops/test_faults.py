"""Faults on real servers: a gunicorn worker killed (kill -9) in the middle of saves, and PostgreSQL
restarted in the middle of a session. No save the client saw acknowledged is lost, and the servers
carry on by themselves (``CONN_HEALTH_CHECKS`` reconnects after the restart). PostgreSQL only.

The restart is of a private throwaway PostgreSQL cluster the test starts for itself, never of the
suite's shared one: other test processes (pytest-xdist) keep their connections."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from django.db import connection

from bench.servers import ROOT, Process, free_port, server_env, start_gunicorn
from openpie.assessments.models import Placement
from tests.ops.conftest import csrf, session_for, signed_in


class Saver:
    """Moves beads one after another, as the page's script does: a save that got no answer (or a 5xx)
    is sent again; what the server acknowledged is remembered."""

    def __init__(self, base: str, http: requests.Session, versions: dict[int, int]) -> None:
        self.base, self.http = base, http
        self.versions = dict(versions)
        self.acknowledged: dict[int, tuple[int, int]] = {}
        self.unanswered = 0
        self.stop = threading.Event()

    def save(self, pk: int, position: int) -> None:
        for _ in range(100):
            data = {"position": position, "target": "", "version": self.versions[pk]}
            try:
                answer = self.http.post(
                    f"{self.base}/placements/{pk}/",
                    data=data,
                    headers={"X-Requested-With": "fetch", **csrf(self.http)},
                    timeout=10,
                )
            except requests.ConnectionError:
                self.unanswered += 1
                time.sleep(0.05)
                continue
            if answer.status_code >= 500:
                self.unanswered += 1
                time.sleep(0.05)
                continue
            body = answer.json()
            self.versions[pk] = body["version"]
            if answer.status_code == 200 or (answer.status_code == 409 and body["position"] == position):
                # 409 with our own position: the first try was saved, its answer was lost.
                self.acknowledged[pk] = (body["version"], body["position"])
                return
            raise AssertionError(f"unexpected answer {answer.status_code}: {body}")
        raise AssertionError("a save never got an answer")

    def run(self) -> None:
        position = 0
        while not self.stop.is_set():
            for pk in self.versions:
                position = position % 20 + 1
                self.save(pk, position)


def stored(pks: Any) -> dict[int, tuple[int, int | None]]:
    return {pk: (v, p) for pk, v, p in Placement.objects.filter(pk__in=pks).values_list("pk", "version", "position")}


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_save_loses_no_acknowledged_save(world, servers):
    server = servers.gunicorn(workers=2)
    beads = Placement.objects.filter(thread__round=world.round.round, contribution__kind="team")
    saver = Saver(server.url, signed_in(server.url, world.people.staff), {bead.pk: bead.version for bead in beads})
    running = threading.Thread(target=saver.run)
    running.start()
    killed = []
    try:
        for _ in range(4):
            time.sleep(0.7)
            victim = server.worker_pids()[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
        time.sleep(1.5)  # gunicorn starts new workers; saves go on
    finally:
        saver.stop.set()
        running.join(timeout=60)
    assert len(killed) == 4
    assert not running.is_alive()
    assert len(saver.acknowledged) == len(beads)
    assert stored(saver.acknowledged) == saver.acknowledged
    assert set(server.worker_pids()).isdisjoint(killed)
    print(f"\nkill -9 of 4 workers: {saver.unanswered} saves unanswered and sent again; every acknowledged one stored")


class PrivateCluster:
    """A throwaway PostgreSQL cluster on a free loopback port, started for one test and stopped after it,
    so that restarting it touches no other test's connections. Run as the ``postgres`` OS user when the
    tests run as root (PostgreSQL refuses to run as root)."""

    USER, PASSWORD, NAME = "openpie", "openpie-private", "openpie"

    def __init__(self, bin_dir: Path, folder: Path) -> None:
        self.bin_dir, self.folder = bin_dir, folder
        self.data = folder / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgres://{self.USER}:{self.PASSWORD}@127.0.0.1:{self.port}/{self.NAME}"

    def run(self, program: str, *args: str) -> None:
        command = [*self.as_owner, str(self.bin_dir / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, f"{program} {' '.join(args)} failed:\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"

    def pg_ctl(self, action: str, *args: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "postgresql.log"),
            "-o",
            options,
            "-w",
            *args,
            action,
        )

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
        self.pg_ctl("start")
        psql = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-q", "-c"]
        self.run("psql", *psql, f"CREATE ROLE {self.USER} LOGIN PASSWORD '{self.PASSWORD}'")
        self.run("psql", *psql, f"CREATE DATABASE {self.NAME} OWNER {self.USER}")

    def restart(self) -> None:
        self.pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")


def _postgresql_bin() -> Path | None:
    """The newest installed PostgreSQL's programs, found as scripts/test_setup.sh finds the version."""
    installed = Path("/usr/lib/postgresql")
    versions = (
        sorted(
            (found for found in installed.iterdir() if (found / "bin" / "initdb").exists()),
            key=lambda found: [int(part) for part in found.name.split(".") if part.isdigit()],
        )
        if installed.is_dir()
        else []
    )
    return versions[-1] / "bin" if versions else None


@pytest.fixture
def private_cluster() -> Iterator[PrivateCluster]:
    if connection.vendor != "postgresql":
        pytest.skip("runs only in the PostgreSQL run of the suite (it uses a private cluster, once is enough)")
    bin_dir = _postgresql_bin()
    if bin_dir is None:
        pytest.skip("needs PostgreSQL's initdb and pg_ctl (/usr/lib/postgresql/<version>/bin) for a private cluster")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runs as root, so needs runuser to start the private PostgreSQL cluster as the postgres user")
    # Not under pytest's own temporary folder: that is private to root, and the cluster runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="openpie-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = PrivateCluster(bin_dir, folder)
    try:
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


# Run in the private cluster's database (manage.py shell): a staff member with a session and an open
# round with one bead; prints what the test needs as one line of JSON.
SEED = """
import json
from django.conf import settings
from django.test import Client
from openpie.accounts.tests.factories import UserFactory
from openpie.assessments.tests.factories import make_round, place
from openpie.assessments import services
from openpie.frameworks.services import framework_import
from openpie.organisations.models import Role
from openpie.organisations.tests.factories import grant, make_tree

tree = make_tree("Riverside")
staff = UserFactory.create(email="staff@riverside.example")
grant(staff, tree.service, Role.STAFF)
framework = framework_import(text=settings.OPENPIE_DEFAULT_FRAMEWORK_FILE.read_text(), owner=None, publish=True)
round_ = make_round(tree.service, framework, by=staff)
services.round_open(round_=round_)
bead = place(round_, round_.threads.order_by("position").first().key, 7, by=staff)
client = Client()
client.force_login(staff)
print("SEED " + json.dumps({
    "round": round_.pk, "bead": bead.pk, "version": bead.version,
    "session": client.cookies["sessionid"].value, "table": bead._meta.db_table,
}))
"""


def _manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"manage.py {args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def test_the_servers_reconnect_after_postgresql_restarts_mid_session(private_cluster, tmp_path):
    env = server_env(database_url=private_cluster.url, media_root=tmp_path / "media", secret_key="private-cluster-test")
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    seed = json.loads(
        next(line for line in _manage(env, "shell", "-c", SEED).splitlines() if line.startswith("SEED "))[5:]
    )
    server: Process | None = None
    try:
        server = start_gunicorn(env=env, log=tmp_path / "app.log", workers=1)
        saver = Saver(server.url, session_for(server.url, seed["session"]), {seed["bead"]: seed["version"]})
        saver.save(seed["bead"], 3)

        private_cluster.restart()

        # The worker's connection is dead: the very next request must notice, reconnect and succeed.
        answer = saver.http.post(
            f"{server.url}/placements/{seed['bead']}/",
            data={"position": 4, "target": "", "version": saver.versions[seed["bead"]]},
            headers={"X-Requested-With": "fetch", **csrf(saver.http)},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text[:300]
        assert answer.json()["position"] == 4
        assert saver.http.get(f"{server.url}/rounds/{seed['round']}/", timeout=10).status_code == 200
    finally:
        if server is not None:
            server.stop()
    with psycopg.connect(private_cluster.url.replace("postgres://", "postgresql://")) as database:
        row = database.execute(
            f"SELECT version, position FROM {seed['table']} WHERE id = %s",  # noqa: S608 (the model's own table)
            [seed["bead"]],
        ).fetchone()
    assert row == (answer.json()["version"], 4)
