"""The load test (``make load``): locust, headless, against gunicorn on loopback and PostgreSQL, for a
bounded time. Prints requests per second, the 95th percentile per kind of request, errors, and whether
every save the simulated people saw acknowledged is in the database. Results: bench/load-results.json.

    DATABASE_URL=postgres://… python -m bench.load [--users 100 --seconds 60 --workers 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import generate
from bench.servers import ROOT, server_env, start_gunicorn

RESULTS = Path(__file__).resolve().parent / "load-results.json"


def _stats(prefix: Path) -> list[dict[str, Any]]:
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "name": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "median_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "per_second": round(float(row["Requests/s"]), 1),
        }
        for row in rows
    ]


def make_sessions(count: int) -> list[str]:
    """Signed-in sessions of the bench admin, made directly (signing in is measured by make bench)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from openpie.accounts.models import User

    admin = User.objects.get(email=generate.BENCH_EMAIL)
    keys = []
    for _ in range(count):
        session = SessionStore()
        session[SESSION_KEY] = str(admin.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
        session.create()
        keys.append(str(session.session_key))
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--units", type=int, default=generate.Sizes().units, help="services in the bench data")
    parser.add_argument("--output", type=Path, default=RESULTS)
    options = parser.parse_args()
    generate.setup_django()
    generate.generate(generate.Sizes(units=options.units))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = server_env(database_url=os.environ["DATABASE_URL"], media_root=work / "media")
        server = start_gunicorn(env=env, log=work / "gunicorn.log", workers=options.workers, threads=options.threads)
        load_before = [round(x, 2) for x in os.getloadavg()]
        report = work / "acknowledged.json"
        sessions = work / "sessions.json"
        sessions.write_text(json.dumps(make_sessions(options.users)))
        command = [
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
            f"{options.seconds}s",
            "--host",
            server.url,
            "--csv",
            str(work / "load"),
            "--only-summary",
            "--stop-timeout",
            "10",
        ]
        started = time.monotonic()
        locust_env = {**os.environ, "OPENPIE_LOAD_REPORT": str(report), "OPENPIE_LOAD_SESSIONS": str(sessions)}
        try:
            subprocess.run(  # noqa: S603
                command,
                cwd=ROOT,
                env=locust_env,
                check=False,
            )
        finally:
            server.stop()
        results = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "users": options.users,
            "seconds": round(time.monotonic() - started, 1),
            "gunicorn": {"workers": options.workers, "threads": options.threads},
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "requests": _stats(work / "load"),
            "acknowledged": json.loads(report.read_text()) if report.exists() else None,
        }
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for row in results["requests"]:
        rate = f"{row['requests']:>8} req {row['per_second']:>7}/s"
        print(f"{row['name']:<28}{rate}  p95 {row['p95_ms']:>6.0f} ms  errors {row['failures']}")
    ack = results["acknowledged"] or {}
    lost = len(ack.get("beads_missing", [])) + len(ack.get("texts_missing", []))
    print(
        f"acknowledged saves: {ack.get('beads_checked')} beads, {ack.get('texts_checked')} texts checked; lost: {lost}"
    )
    print(f"load average before {results['load_average_before']}, after {results['load_average_after']}")
    if ack.get("beads_missing") or ack.get("texts_missing"):
        raise SystemExit("Some acknowledged saves are not in the database.")


if __name__ == "__main__":
    main()
