"""The load test (``make load``): locust, headless, against gunicorn on loopback and PostgreSQL (or, with
``--server make-run``, against ``make run``'s own server on SQLite), for a bounded time. Each simulated
person signs in on their own account through the real pages (bench/signin.py); the work is timed once
everyone has. Prints requests per second, the median and 95th percentile per kind of request, failures,
and, once the server has stopped, whether every save the people saw acknowledged is in the database.
Fails if anyone was signed out or could not sign in, if a request failed, if nothing was acknowledged
or if a save was lost. Results: bench/load-results.json.

    DATABASE_URL=postgres://… python -m bench.load [--users 100 --run-time 60s --workers 2 --units 50]
    python -m bench.load --server make-run --users 30        # SQLite: OPENPIE_SQLITE_PATH
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import generate, signin
from bench.servers import ROOT, Process, server_env, start_gunicorn, start_make_run

RESULTS = Path(__file__).resolve().parent / "load-results.json"


def _number(text: str) -> float:
    return float(text) if text and text != "N/A" else 0.0


def _stats(prefix: Path) -> list[dict[str, Any]]:
    """locust's summary per kind of request (kinds with no request in the timed window left out)."""
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if int(row["Request Count"]) or int(row["Failure Count"])]
    return [
        {
            "name": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "median_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
            "p99_ms": _number(row["99%"]),
            "per_second": round(_number(row["Requests/s"]), 1),
        }
        for row in rows
    ]


def _missing(saves: dict[str, list[Any]], stored: dict[str, tuple[int, Any]]) -> list[int]:
    """Acknowledged saves the database does not hold: older than acknowledged, or the same version
    with another value. (A newer version is a later save whose answer was lost: not a loss.)"""
    lost = []
    for pk, (version, value) in saves.items():
        found = stored.get(pk)
        if found is None or found[0] < version or (found[0] == version and found[1] != value):
            lost.append(int(pk))
    return lost


def check_acknowledged(report: dict[str, Any]) -> dict[str, Any]:
    """Every save the simulated people saw acknowledged, looked up in the database (after the
    server has stopped: a save still queued when the run ended has landed by then, or never will)."""
    from openpie.assessments.models import Evidence, Placement

    beads, texts = report.pop("beads"), report.pop("texts")
    stored_beads = Placement.objects.filter(pk__in=[int(pk) for pk in beads]).values_list("pk", "version", "position")
    stored_texts = Evidence.objects.filter(pk__in=[int(pk) for pk in texts]).values_list("pk", "version", "text")
    return {
        **report,
        "beads_checked": len(beads),
        "beads_missing": _missing(beads, {str(pk): (v, p) for pk, v, p in stored_beads}),
        "texts_checked": len(texts),
        "texts_missing": _missing(texts, {str(pk): (v, t) for pk, v, t in stored_texts}),
    }


def verdict(results: dict[str, Any]) -> list[str]:
    """What makes the run fail: no saves acknowledged, people signed out, lost saves."""
    ack = results["acknowledged"]
    problems = []
    if ack is None:
        return ["The load test wrote no report of acknowledged saves (did locust start?)."]
    if not ack["beads_checked"] or not ack["texts_checked"]:
        problems.append(f"Nothing acknowledged: {ack['beads_checked']} beads, {ack['texts_checked']} texts.")
    if ack["sign_in_seconds"] is None:
        problems.append(f"Only {ack['signed_in']} of {results['users']} people signed in within the limit.")
    if ack["sign_in_failed"]:
        problems.append(f"{ack['sign_in_failed']} simulated people could not sign in.")
    if ack["signed_out"]:
        problems.append(f"{ack['signed_out']} answers said a simulated person was signed out.")
    failed = sum(row["failures"] for row in results["requests"] if row["name"] != "Aggregated")
    if failed:
        problems.append(f"{failed} requests failed (a 3xx, 4xx, 5xx or no answer: see the table).")
    if ack["beads_missing"] or ack["texts_missing"]:
        problems.append("Some acknowledged saves are not in the database.")
    return problems


def _seconds(value: str) -> int:
    """``60``, ``60s`` or ``1m``: a bounded run time in seconds."""
    number = int(value.rstrip("sm"))
    return number * 60 if value.endswith("m") else number


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--seconds", "--run-time", type=_seconds, default=60, help="how long: 60, 60s or 1m")
    parser.add_argument(
        "--server",
        choices=["gunicorn", "make-run"],
        default="gunicorn",
        help="gunicorn on DATABASE_URL (make load), or make run's default server (scripts/run.sh) on SQLite",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--units", type=int, default=50, help="services in the bench data (as in issue 20)")
    parser.add_argument("--sign-in-limit", type=int, default=240, help="seconds allowed for everyone to sign in")
    parser.add_argument("--dump", type=Path, help="py-spy dumps of the server's processes mid-run, to this file")
    parser.add_argument("--port", type=int, default=0, help="the server's port on loopback (default: any free one)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args()


def _locust_command(options: argparse.Namespace, url: str, work: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(options.users),
        "--spawn-rate",
        str(options.spawn_rate),
        "--run-time",
        f"{options.seconds + options.sign_in_limit}s",  # a bound: the timed window is the locustfile's
        "--host",
        url,
        "--csv",
        str(work / "load"),
        "--only-summary",
        "--stop-timeout",
        "10",
    ]


def _start(options: argparse.Namespace, work: Path) -> Process:
    if options.server == "make-run":
        return start_make_run(env={**os.environ, "OPENPIE_MEDIA_ROOT": str(work / "media")}, log=work / "server.log")
    env = server_env(database_url=os.environ["DATABASE_URL"], media_root=work / "media")
    return start_gunicorn(
        env=env, log=work / "server.log", workers=options.workers, threads=options.threads, port=options.port
    )


def _dump_later(options: argparse.Namespace, server: Process, done: threading.Event) -> threading.Thread:
    """Every ``seconds / 3`` until the run ends: py-spy dumps of every server process, and on
    PostgreSQL what its sessions are waiting for (lock waits show here as ``Lock``)."""

    def dump() -> None:
        with options.dump.open("w") as out:
            while not done.wait(max(5.0, options.seconds / 3)):
                out.write(f"=== waits at {time.strftime('%H:%M:%S')}: {_database_waits()}\n")
                for pid in server.descendants():
                    out.write(f"=== process {pid} at {time.strftime('%H:%M:%S')}\n")
                    out.flush()
                    spy = [str(Path(sys.executable).parent / "py-spy"), "dump", "--pid", str(pid)]
                    subprocess.run(spy, stdout=out, stderr=out, check=False)  # noqa: S603

    thread = threading.Thread(target=dump, daemon=True)
    thread.start()
    return thread


def _database_waits() -> list[tuple[Any, ...]]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT state, wait_event_type, wait_event, count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1, 2, 3 ORDER BY 4 DESC"
        )
        return list(cursor.fetchall())


def run(options: argparse.Namespace) -> dict[str, Any]:
    """Start the server, let locust's people work for the run time, stop the server, then check."""
    generate.setup_django()
    generate.generate(generate.Sizes(units=options.units))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        people = work / "people.json"
        people.write_text(json.dumps(signin.ensure_people(options.users)))
        server = _start(options, work)
        load_before = [round(x, 2) for x in os.getloadavg()]
        report = work / "acknowledged.json"
        locust_env = {**os.environ, "OPENPIE_LOAD_REPORT": str(report), "OPENPIE_LOAD_PEOPLE": str(people)}
        locust_env["OPENPIE_LOAD_SECONDS"] = str(options.seconds)
        started = time.monotonic()
        done = threading.Event()
        dumping = _dump_later(options, server, done) if options.dump else None
        try:
            command = _locust_command(options, server.url, work)
            bound = options.seconds + options.sign_in_limit + 60
            subprocess.run(command, cwd=ROOT, env=locust_env, check=False, timeout=bound)  # noqa: S603
        finally:
            done.set()
            if dumping:
                dumping.join(timeout=30)
            server.stop()  # drained: every request it took has been answered before the saves are checked
        requests = _stats(work / "load")
        if any(row["failures"] for row in requests):
            print("The server's log (end):\n" + server.log_text()[-3000:])
        return {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "users": options.users,
            "seconds": round(time.monotonic() - started, 1),
            "server": options.server,
            "gunicorn": {"workers": options.workers, "threads": options.threads},
            "database": connection_vendor(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "requests": requests,
            "acknowledged": check_acknowledged(json.loads(report.read_text())) if report.exists() else None,
        }


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def main() -> None:
    options = _arguments()
    results = run(options)
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for row in results["requests"]:
        rate = f"{row['requests']:>8} req {row['per_second']:>7}/s"
        times = f"median {row['median_ms']:>6.0f}  p95 {row['p95_ms']:>6.0f} ms"
        print(f"{row['name']:<28}{rate}  {times}  errors {row['failures']}")
    ack = results["acknowledged"] or {}
    lost = len(ack.get("beads_missing", [])) + len(ack.get("texts_missing", []))
    print(
        f"acknowledged saves: {ack.get('beads_checked')} beads, {ack.get('texts_checked')} texts checked; lost: {lost}"
    )
    print(f"{ack.get('signed_in')} people signed in (through the pages, two steps) in {ack.get('sign_in_seconds')} s;")
    print(f"then {ack.get('timed_seconds')} s of work timed.")
    print(f"load average before {results['load_average_before']}, after {results['load_average_after']}")
    problems = verdict(results)
    if problems:
        raise SystemExit("The load test failed: " + " ".join(problems))


if __name__ == "__main__":
    main()
