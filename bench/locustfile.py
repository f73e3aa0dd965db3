"""The load profile (``make load``): people at work on the bench network, through the real pages.

- 70%: a team recording a round: moving beads (the stage-1 autosave) and typing evidence (its autosave);
- 20%: reading a round and its first stage;
- 10%: reports: the overlay, the overview of the whole network, the barriers register.

Each simulated person works on their own service's open round, as a team would. Every save the
server acknowledged (2xx) is remembered, and when the run ends each one is looked up in the
database: the report says how many were found, and lists any that were not.
"""

from __future__ import annotations

import json
import os
import random
import threading
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

from bench import generate

_lock = threading.Lock()
_work: list[dict[str, Any]] = []
_root: dict[str, int] = {}
# What the server acknowledged, last write wins: placement id -> (version, position); evidence id -> (version, text).
acknowledged_beads: dict[int, tuple[int, int]] = {}
acknowledged_text: dict[int, tuple[int, str]] = {}
counts = {"conflicts": 0, "bead_saves": 0, "text_saves": 0}


def _load_work() -> None:
    """Every open round of the bench network: its team beads and evidence (read once, from the database)."""
    generate.setup_django()
    from openpie.assessments.models import Evidence, Placement, Round
    from openpie.organisations.models import Unit

    rounds = Round.objects.filter(unit__organisation__slug=generate.BENCH_SLUG, state=Round.State.OPEN).order_by("pk")
    beads: dict[int, list[list[int]]] = {}
    for pk, round_id, version in Placement.objects.filter(
        thread__round__in=rounds, contribution__kind="team"
    ).values_list("pk", "thread__round_id", "version"):
        beads.setdefault(round_id, []).append([pk, version])
    notes: dict[int, list[list[int]]] = {}
    for pk, round_id, version in Evidence.objects.filter(thread__round__in=rounds).values_list(
        "pk", "thread__round_id", "version"
    ):
        notes.setdefault(round_id, []).append([pk, version])
    for round_id in rounds.values_list("pk", flat=True):
        _work.append({"round": round_id, "beads": beads.get(round_id, []), "notes": notes.get(round_id, [])})
    root = Unit.objects.get(organisation__slug=generate.BENCH_SLUG, parent=None)
    _root["unit"] = root.pk


def _session() -> str:
    with _lock:
        keys = json.loads(Path(os.environ["OPENPIE_LOAD_SESSIONS"]).read_text())
        _root["sessions"] = _root.get("sessions", -1) + 1
        return str(keys[_root["sessions"] % len(keys)])


def _next_work() -> dict[str, Any]:
    """The next open round; with more people than services, people share rounds (and meet conflicts)."""
    with _lock:
        if not _root:
            _load_work()
        _root["given"] = _root.get("given", -1) + 1
        return _work[_root["given"] % len(_work)]


def _acknowledge(saves: dict[int, tuple[int, Any]], pk: int, version: int, value: Any) -> None:
    """Keep the newest acknowledged version of each item (several people may share one)."""
    if pk not in saves or version > saves[pk][0]:
        saves[pk] = (version, value)


def _missing(saves: dict[int, tuple[int, Any]], stored: dict[int, tuple[int, Any]]) -> list[int]:
    """Acknowledged saves the database does not hold: older than acknowledged, or the same version
    with another value. (A newer version is a later save whose answer was lost: not a loss.)"""
    lost = []
    for pk, (version, value) in saves.items():
        found = stored.get(pk)
        if found is None or found[0] < version or (found[0] == version and found[1] != value):
            lost.append(pk)
    return lost


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        """Already signed in (people sign in once a day, not in the busiest minute): a session made
        beforehand by bench/load.py; the first page gives the form token."""
        self.work = _next_work()
        self.client.cookies.set("sessionid", _session())
        self.client.get(f"/rounds/{self.work['round']}/where/", name="stage 1 page")
        self.csrf = self.client.cookies.get("csrftoken", "")

    def _post(self, url: str, data: dict[str, Any], name: str) -> Any:
        data = {**data, "csrfmiddlewaretoken": self.csrf}
        headers = {"X-Requested-With": "fetch", "Referer": f"{self.host}/"}
        with self.client.post(url, data=data, headers=headers, name=name, catch_response=True) as response:
            if response.status_code == 409:
                counts["conflicts"] += 1
                response.success()  # someone else's change: an answer, not an error
            return response

    @task(50)
    def move_a_bead(self) -> None:
        if not self.work["beads"]:
            return
        bead = random.choice(self.work["beads"])  # noqa: S311
        position = random.randint(1, 20)  # noqa: S311
        data = {"position": position, "target": "", "version": bead[1]}
        response = self._post(f"/placements/{bead[0]}/", data, "bead save")
        if response.ok:
            answer = response.json()
            bead[1] = answer["version"]
            _acknowledge(acknowledged_beads, bead[0], answer["version"], answer["position"])
            counts["bead_saves"] += 1
        elif response.status_code == 409:
            bead[1] = response.json()["version"]

    @task(20)
    def type_evidence(self) -> None:
        if not self.work["notes"]:
            return
        note = random.choice(self.work["notes"])  # noqa: S311
        text = f"Seen at handover, {random.randint(1, 10**6)}: people were greeted by name."  # noqa: S311
        response = self._post(f"/evidence/{note[0]}/", {"text": text, "version": note[1]}, "evidence typing")
        if response.ok:
            note[1] = response.json()["version"]
            _acknowledge(acknowledged_text, note[0], note[1], text)
            counts["text_saves"] += 1
        elif response.status_code == 409:
            note[1] = response.json()["version"]

    @task(15)
    def read_round(self) -> None:
        self.client.get(f"/rounds/{self.work['round']}/", name="round page")

    @task(5)
    def read_first_stage(self) -> None:
        self.client.get(f"/rounds/{self.work['round']}/where/", name="stage 1 page")

    @task(4)
    def overlay(self) -> None:
        self.client.get(f"/rounds/{self.work['round']}/overlay/", name="report: overlay")

    @task(3)
    def overview(self) -> None:
        self.client.get(f"/units/{_root['unit']}/overview/", name="report: overview")

    @task(3)
    def register(self) -> None:
        self.client.get("/barriers/", name="report: barriers register")


def check_acknowledged() -> dict[str, Any]:
    """Every acknowledged save, looked up in the database."""
    from openpie.assessments.models import Evidence, Placement

    beads = Placement.objects.filter(pk__in=acknowledged_beads).values_list("pk", "version", "position")
    texts = Evidence.objects.filter(pk__in=acknowledged_text).values_list("pk", "version", "text")
    missing = _missing(acknowledged_beads, {pk: (v, p) for pk, v, p in beads})
    missing_text = _missing(acknowledged_text, {pk: (v, t) for pk, v, t in texts})
    return {
        **counts,
        "beads_checked": len(acknowledged_beads),
        "beads_missing": missing,
        "texts_checked": len(acknowledged_text),
        "texts_missing": missing_text,
    }


@events.quitting.add_listener
def _report(environment: Any, **_: Any) -> None:
    report = check_acknowledged()
    path = os.environ.get("OPENPIE_LOAD_REPORT")
    if path:
        Path(path).write_text(json.dumps(report, indent=2), encoding="utf-8")
    lost = len(report["beads_missing"]) + len(report["texts_missing"])
    checked = f"{report['beads_checked']} beads, {report['texts_checked']} texts"
    print(f"Acknowledged saves checked in the database: {checked}; missing: {lost}")
