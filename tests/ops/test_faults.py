"""Faults on real servers: a gunicorn worker killed (kill -9) in the middle of saves, and PostgreSQL
restarted in the middle of a session. No save the client saw acknowledged is lost, and the servers
carry on by themselves (``CONN_HEALTH_CHECKS`` reconnects after the restart). PostgreSQL only."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from typing import Any

import pytest
import requests
from django.db import connection

from openpie.assessments.models import Placement
from tests.ops.conftest import csrf, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


class Saver:
    """Moves beads one after another, as the page's script does: a save that got no answer (or a 5xx)
    is sent again; what the server acknowledged is remembered."""

    def __init__(self, base: str, http: requests.Session, beads: list[Placement]) -> None:
        self.base, self.http = base, http
        self.versions = {bead.pk: bead.version for bead in beads}
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


def test_a_worker_killed_mid_save_loses_no_acknowledged_save(world, servers):
    server = servers.gunicorn(workers=2)
    beads = list(Placement.objects.filter(thread__round=world.round.round, contribution__kind="team"))
    saver = Saver(server.url, signed_in(server.url, world.people.staff), beads)
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


def _cluster() -> tuple[str, str] | None:
    """The PostgreSQL cluster scripts/test_setup.sh started (Debian, on this port, run as root), if it is ours."""
    if os.geteuid() != 0 or not shutil.which("pg_lsclusters") or not shutil.which("pg_ctlcluster"):
        return None
    port = str(connection.settings_dict["PORT"] or 5432)
    listing = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=False).stdout
    for line in listing.splitlines():
        version, name, cluster_port, status, *_ = line.split()
        if name == "main" and cluster_port == port and status == "online":
            return version, name
    return None


def _wait_until_ready(timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    port = str(connection.settings_dict["PORT"] or 5432)
    while time.monotonic() < deadline:
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", port], check=False).returncode == 0:
            return
        time.sleep(0.2)
    raise AssertionError("PostgreSQL did not come back")


def test_the_servers_reconnect_after_postgresql_restarts_mid_session(world, servers):
    cluster = _cluster()
    if cluster is None:
        pytest.skip("restarts only the PostgreSQL cluster scripts/test_setup.sh started (Debian, as root)")
    server = servers.gunicorn(workers=1)
    bead = Placement.objects.get(pk=world.round.placement.pk)
    saver = Saver(server.url, signed_in(server.url, world.people.staff), [bead])
    saver.save(bead.pk, 3)

    subprocess.run(["pg_ctlcluster", *cluster, "restart", "-m", "fast"], check=True)
    _wait_until_ready()
    connection.close()  # this test's own connection went with the restart too

    # The worker's connection is dead: the very next request must notice, reconnect and succeed.
    answer = saver.http.post(
        f"{server.url}/placements/{bead.pk}/",
        data={"position": 4, "target": "", "version": saver.versions[bead.pk]},
        headers={"X-Requested-With": "fetch", **csrf(saver.http)},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["position"] == 4
    assert saver.http.get(f"{server.url}/rounds/{world.round.round.pk}/", timeout=10).status_code == 200
    bead.refresh_from_db()
    assert (bead.version, bead.position) == (answer.json()["version"], 4)
