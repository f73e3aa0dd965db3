"""The load profile (``make load``): people at work on the bench network, through the real pages.

- 70%: a team recording a round: moving beads (the stage-1 autosave) and typing evidence (its autosave);
- 20%: reading a round and its first stage;
- 10%: reports: the overlay, the overview of the whole network, the barriers register.

Each simulated person signs in on their own account through the real pages (password, then the
code their authenticator app shows: bench/signin.py) and works on their own service's open round,
as a team would. Nothing is timed through a redirect: a 3xx or 4xx is a failure, and an answer that
says the person was signed out is counted apart (bench/load.py then fails). Every save the server
acknowledged is remembered and written out when the run ends; bench/load.py looks each one up in
the database once the server has stopped (drained), so a save still queued is not a false loss.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

from bench import generate, signin

_lock = threading.Lock()
_work: list[dict[str, Any]] = []
_root: dict[str, int] = {}
# What the server acknowledged, last write wins: placement id -> (version, position); evidence id -> (version, text).
acknowledged_beads: dict[int, tuple[int, int]] = {}
acknowledged_text: dict[int, tuple[int, str]] = {}
# The timed window: it starts when the last person has signed in (the statistics are reset then, so
# signing in, once a day and not in the busiest minute, is not mixed into the work's figures).
window: dict[str, float] = {}
counts = {"conflicts": 0, "bead_saves": 0, "text_saves": 0, "signed_out": 0, "refused": 0, "sign_in_failed": 0}


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


def _next_person() -> str:
    """The next bench person's email address: each simulated person signs in on their own account."""
    with _lock:
        emails = json.loads(Path(os.environ["OPENPIE_LOAD_PEOPLE"]).read_text())
        _root["people"] = _root.get("people", -1) + 1
        if _root["people"] >= len(emails):
            raise signin.SignInError("More simulated people than bench accounts (bench/load.py makes one each).")
        return str(emails[_root["people"]])


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


@events.test_start.add_listener
def _started(environment: Any, **_: Any) -> None:
    window["test_start"] = time.monotonic()


def _signed_in(environment: Any) -> None:
    """Count one more person signed in; with the last, reset the statistics and time the work."""
    with _lock:
        window["signed_in"] = window.get("signed_in", 0) + 1
        if window["signed_in"] < environment.parsed_options.num_users:
            return
    environment.runner.stats.reset_all()
    window["sign_in_seconds"] = round(time.monotonic() - window["test_start"], 1)
    window["timed_from"] = time.monotonic()
    seconds = float(os.environ["OPENPIE_LOAD_SECONDS"])
    print(f"Everyone signed in after {window['sign_in_seconds']} s: timing the next {seconds:g} s of work.")
    gevent.spawn_later(seconds, environment.runner.quit)


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        """Signs in through the real pages (password, then the app's code: bench/signin.py), once."""
        self.work = _next_work()
        try:
            self.csrf = signin.sign_in(self.client, str(self.host), _next_person(), locust=True)
        except signin.SignInError as failed:
            counts["sign_in_failed"] += 1
            print(f"SIGN-IN FAILED: {failed}. Stopping the run.")
            self.environment.runner.quit()  # the run has failed: say so now, not after the time limit
            raise StopUser from failed
        _signed_in(self.environment)

    def _check(self, response: Any, *, saving: bool = False) -> Any:
        """A 2xx is an answer (and a 409 for a save: someone else's change); a redirect or any other
        answer is a failure, and one that says the person was signed out is counted as such."""
        if 200 <= response.status_code < 300 or (saving and response.status_code == 409):
            if response.status_code == 409:
                counts["conflicts"] += 1
            response.success()
        elif signin.signed_out(response):
            counts["signed_out"] += 1
            response.failure(f"signed out ({response.status_code} {response.headers.get('Location', '')})")
        else:
            counts["refused"] += 1
            response.failure(f"answered {response.status_code} {response.headers.get('Location', '')}")
        return response

    def _get(self, url: str, name: str) -> Any:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            return self._check(response)

    def _post(self, url: str, data: dict[str, Any], name: str) -> Any:
        data = {**data, "csrfmiddlewaretoken": self.csrf}
        headers = {"X-Requested-With": "fetch", "Referer": f"{self.host}/"}
        post = self.client.post
        with post(url, data=data, headers=headers, name=name, allow_redirects=False, catch_response=True) as response:
            return self._check(response, saving=True)

    @task(50)
    def move_a_bead(self) -> None:
        if not self.work["beads"]:
            return
        bead = random.choice(self.work["beads"])  # noqa: S311
        position = random.randint(1, 20)  # noqa: S311
        data = {"position": position, "target": "", "version": bead[1]}
        response = self._post(f"/placements/{bead[0]}/", data, "bead save")
        if response.status_code == 200:
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
        if response.status_code == 200:
            note[1] = response.json()["version"]
            _acknowledge(acknowledged_text, note[0], note[1], text)
            counts["text_saves"] += 1
        elif response.status_code == 409:
            note[1] = response.json()["version"]

    @task(15)
    def read_round(self) -> None:
        self._get(f"/rounds/{self.work['round']}/", "round page")

    @task(5)
    def read_first_stage(self) -> None:
        self._get(f"/rounds/{self.work['round']}/where/", "stage 1 page")

    @task(4)
    def overlay(self) -> None:
        self._get(f"/rounds/{self.work['round']}/overlay/", "report: overlay")

    @task(3)
    def overview(self) -> None:
        self._get(f"/units/{_root['unit']}/overview/", "report: overview")

    @task(3)
    def register(self) -> None:
        self._get("/barriers/", "report: barriers register")


@events.quitting.add_listener
def _report(environment: Any, **_: Any) -> None:
    """What the server acknowledged, for bench/load.py to look up once the server has stopped."""
    timed = time.monotonic() - window["timed_from"] if "timed_from" in window else 0
    report = {
        **counts,
        "signed_in": window.get("signed_in", 0),
        "sign_in_seconds": window.get("sign_in_seconds"),
        "timed_seconds": round(timed, 1),
        "beads": {str(pk): list(saved) for pk, saved in acknowledged_beads.items()},
        "texts": {str(pk): list(saved) for pk, saved in acknowledged_text.items()},
    }
    Path(os.environ["OPENPIE_LOAD_REPORT"]).write_text(json.dumps(report), encoding="utf-8")
    if counts["signed_out"]:
        print(f"SIGNED OUT: {counts['signed_out']} answers said a simulated person was no longer signed in.")
