"""The benchmarks (``make bench``): national-scale data on PostgreSQL, then the pages people wait for,
timed from a client against gunicorn on loopback (DEBUG off), beside a floor measured in the same run
(``/healthz``, asked with no session cookie: it touches nothing). The bench admin signs in through the
real pages, both steps (bench/signin.py), and any answer but a 2xx stops the run. Each figure is a
median and a 95th percentile, and a ratio to the floor's; query counts and Python's peak memory per
request come from the same requests made in this process, and the servers' peak resident memory from
/proc. Results go to bench/results.json.

    DATABASE_URL=postgres://… python -m bench.run [--units 500 …] [--samples 40] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from bench import generate, signin
from bench.servers import peak_rss_kb, server_env, start_gunicorn

FLOOR = "/healthz"
RESULTS = Path(__file__).resolve().parent / "results.json"
TARGETS = {
    "bead_save": ("p95_ms", 100.0, "Bead save p95 under 100 ms (at 100 users on 2 cores: see make load)"),
    "overview_root": ("p95_ms", 300.0, "Root overview of 500 units under 300 ms"),
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, 0.95), 2),
        "samples": len(values),
    }


class Bench:
    def __init__(self, base: str, samples: int) -> None:
        self.base = base
        self.samples = samples
        self.http = requests.Session()
        self.anonymous = requests.Session()  # the floor: no session cookie at all
        self.csrf = ""

    def sign_in(self) -> None:
        """The bench admin, through the sign-in page and the second step (bench/signin.py)."""
        self.csrf = signin.sign_in(self.http, self.base, generate.BENCH_EMAIL)

    def time(self, call: Callable[[], requests.Response], count: int | None = None, warm: int = 3) -> list[float]:
        """Timings of ``count`` calls after ``warm`` untimed ones; any answer but a 2xx stops the run."""
        for _ in range(warm):
            check(call())
        times = []
        for _ in range(count or self.samples):
            started = time.perf_counter()
            response = call()
            times.append((time.perf_counter() - started) * 1000)
            check(response)
        return times

    def get(self, path: str) -> Callable[[], requests.Response]:
        http = self.anonymous if path == FLOOR else self.http
        return lambda: http.get(f"{self.base}{path}", timeout=60, allow_redirects=False)

    def bead_saver(self, placement_id: int, version: int) -> Callable[[], requests.Response]:
        state = {"version": version, "position": 1}

        def save() -> requests.Response:
            state["position"] = state["position"] % 20 + 1
            response = self.http.post(
                f"{self.base}/placements/{placement_id}/",
                data={
                    "position": state["position"],
                    "target": "",
                    "version": state["version"],
                    "csrfmiddlewaretoken": self.csrf,
                },
                headers={"X-Requested-With": "fetch", "Referer": self.base + "/"},
                timeout=30,
                allow_redirects=False,
            )
            if response.status_code == 200:
                state["version"] = response.json()["version"]
            return response

        return save

    def throughput(self, path: str, seconds: float = 5.0, clients: int = 4) -> float:
        """Requests per second with a few clients at once (each its own connection), for ``seconds``."""
        done = [0] * clients
        stop = time.monotonic() + seconds
        cookies = {} if path == FLOOR else {k: v or "" for k, v in self.http.cookies.get_dict().items()}

        def client(index: int) -> None:
            http = requests.Session()
            http.cookies.update(cookies)
            while time.monotonic() < stop:
                check(http.get(f"{self.base}{path}", timeout=60, allow_redirects=False))
                done[index] += 1

        workers = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return round(sum(done) / (time.monotonic() - started), 1)


def check(response: requests.Response) -> requests.Response:
    """Only a 2xx is timed: a redirect (to signing in, say) or an error stops the run, naming the page."""
    if not 200 <= response.status_code < 300:
        where = response.headers.get("Location", "")
        raise SystemExit(
            f"{response.request.method} {response.url} answered {response.status_code}"
            + (f" (to {where})" if where else "")
            + ": not timing that. Is the bench person signed out?" * signin.signed_out(response)
        )
    return response


def in_process(paths: dict[str, str], admin: Any, placement: Any) -> dict[str, dict[str, int]]:
    """Queries and Python's peak allocation for each page (and a bead save), made once more in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from openpie.accounts.policy import VERIFIED

    anonymous = Client(HTTP_HOST="127.0.0.1")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    session = client.session  # the second step, done (as bench/signin.py does through the pages)
    session[VERIFIED] = admin.pk
    session.save()
    placement.refresh_from_db()
    state = {"version": placement.version}

    def save() -> Any:
        data = {"position": 5, "target": "", "version": state["version"]}
        response = client.post(f"/placements/{placement.pk}/", data, HTTP_X_REQUESTED_WITH="fetch")
        state["version"] = response.json()["version"]
        return response

    def page(path: str) -> Callable[[], Any]:
        return lambda: (anonymous if path == FLOOR else client).get(path)

    calls: dict[str, Callable[[], Any]] = {name: page(path) for name, path in paths.items()}
    calls["bead_save"] = save
    measured = {}
    for name, call in calls.items():
        call()
        tracemalloc.start()
        with CaptureQueriesContext(connection) as queries:
            response = call()
        if response.status_code != 200:
            raise SystemExit(f"In-process {name} answered {response.status_code}: not counting that.")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        measured[name] = {"queries": len(queries), "python_peak_kb": peak // 1024}
    return measured


def export_timing(admin: Any, root: Any, runs: int) -> dict[str, Any]:
    """The export of every service in the network (CSV, long format), made as a worker makes it: timed
    ``runs`` times, then once more with its queries counted and its memory traced (which slows it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openpie.exports.models import ExportJob
    from openpie.exports.services import export_make

    def make() -> ExportJob:
        job = ExportJob.objects.create(
            requester=admin,
            organisation=root.organisation,
            kind=ExportJob.Kind.SUBTREE,
            format="csv",
            target_id=root.pk,
            title="Bench export",
        )
        job = export_make(job_id=job.pk)
        if job.state != ExportJob.State.DONE:
            raise SystemExit(f"The export failed: {job.message}")
        job.file.delete(save=False)
        job.delete()
        return job

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job = make()
        times.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    with CaptureQueriesContext(connection) as captured:
        make()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {**summary(times), "rows": job.rows, "queries": len(captured), "python_peak_kb": peak // 1024}


def earlier_generation(made: dict[str, Any], output: Path) -> dict[str, Any]:
    """The data was already there: keep how long it took to make, from the last results of the same sizes."""
    try:
        earlier = json.loads(output.read_text(encoding="utf-8"))["data"]
    except (OSError, ValueError, KeyError):
        return made
    if earlier.get("sizes") != made["sizes"] or "seconds" not in earlier:
        return made
    return {**earlier, "generated": False, "generated_in_an_earlier_run": True}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run(options: argparse.Namespace) -> dict[str, Any]:
    generate.setup_django()
    from django.conf import settings
    from django.db import connection

    from openpie.accounts.models import User
    from openpie.assessments.models import Placement, Round
    from openpie.organisations.models import Organisation, Unit

    if connection.vendor != "postgresql":
        raise SystemExit("The benchmarks run on PostgreSQL: set DATABASE_URL (make bench does).")
    sizes = generate.Sizes(options.units, options.rounds, options.threads, options.contributions)
    made = generate.generate(sizes, force=options.fresh)
    if not made["generated"]:
        made = earlier_generation(made, options.output)
    organisation = Organisation.objects.get(slug=generate.BENCH_SLUG)
    root = Unit.objects.get(organisation=organisation, parent=None)
    signin.ensure_people(0)
    admin = User.objects.get(email=generate.BENCH_EMAIL)
    round_ = Round.objects.filter(unit__organisation=organisation, state=Round.State.OPEN).order_by("pk").first()
    if round_ is None:
        raise SystemExit("The bench data has no open round.")
    placement = Placement.objects.filter(thread__round=round_, contribution__kind="team").order_by("pk").first()
    if placement is None:
        raise SystemExit("The bench data has no team beads.")
    paths = {
        "floor": FLOOR,
        "round_page": f"/rounds/{round_.pk}/",
        "overlay": f"/rounds/{round_.pk}/overlay/",
        "overview_root": f"/units/{root.pk}/overview/",
        "barriers_register": "/barriers/",
    }
    load_before = load_average()
    with tempfile.TemporaryDirectory() as media:
        env = server_env(database_url=os.environ["DATABASE_URL"], media_root=Path(media))
        server = start_gunicorn(env=env, log=Path(media) / "gunicorn.log", workers=options.workers, port=options.port)
        try:
            bench = Bench(server.url, options.samples)
            bench.sign_in()
            timed = {name: summary(bench.time(bench.get(path))) for name, path in paths.items()}
            timed["bead_save"] = summary(bench.time(bench.bead_saver(placement.pk, placement.version)))
            rates = {"floor": bench.throughput(paths["floor"]), "round_page": bench.throughput(paths["round_page"])}
            server_peak = max((peak_rss_kb(pid) for pid in server.worker_pids()), default=0)
        finally:
            server.stop()
        settings.MEDIA_ROOT = media
        counted = in_process(paths, admin, placement)
        timed["export_100k"] = export_timing(admin, root, options.export_runs)
    floor = timed["floor"]
    for name, figures in timed.items():
        figures.update(counted.get(name, {}))
        figures["ratio_median"] = round(figures["median_ms"] / floor["median_ms"], 1)
        figures["ratio_p95"] = round(figures["p95_ms"] / floor["p95_ms"], 1)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "postgresql": pg_version,
            "load_average_before": load_before,
            "load_average_after": load_average(),
        },
        "server": {"gunicorn_workers": options.workers, "debug": False, "worker_peak_rss_kb": server_peak},
        "data": made,
        "timings": timed,
        "throughput_per_second": {**rates, "round_page_share_of_floor": round(rates["round_page"] / rates["floor"], 2)},
        "targets": targets(timed, rates),
    }


def targets(timed: dict[str, dict[str, Any]], rates: dict[str, float]) -> list[dict[str, Any]]:
    found = []
    for name, (figure, limit, words) in TARGETS.items():
        value = timed[name][figure]
        found.append({"target": words, "measured_ms": value, "met": value < limit})
    share = rates["round_page"] / rates["floor"]
    found.append(
        {
            "target": "Round page throughput at least a quarter of the floor's",
            "measured_share": round(share, 2),
            "met": share >= 0.25,
        }
    )
    return found


def table(results: dict[str, Any]) -> str:
    lines = [
        f"{'measure':<20}{'median ms':>11}{'p95 ms':>9}{'x floor':>9}{'x p95':>8}{'queries':>9}{'peak KiB':>10}",
    ]
    for name, f in results["timings"].items():
        lines.append(
            f"{name:<20}{f['median_ms']:>11.1f}{f['p95_ms']:>9.1f}{f['ratio_median']:>9.1f}{f['ratio_p95']:>8.1f}"
            f"{f.get('queries', '-'):>9}{f.get('python_peak_kb', '-'):>10}"
        )
    rates = results["throughput_per_second"]
    lines.append(
        f"throughput: floor {rates['floor']}/s, round page {rates['round_page']}/s "
        f"({rates['round_page_share_of_floor']:.0%} of the floor)"
    )
    for target in results["targets"]:
        lines.append(f"{'met' if target['met'] else 'MISSED':<7}{target['target']}")
    machine = results["machine"]
    lines.append(
        f"load average before {machine['load_average_before']}, after {machine['load_average_after']} "
        f"on {machine['cpus']} CPUs"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = generate.Sizes()
    for name in ("units", "rounds", "threads", "contributions"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--samples", type=int, default=40, help="Timed requests per page (after 3 to warm up).")
    parser.add_argument("--export-runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
    parser.add_argument("--port", type=int, default=0, help="The server's port on loopback (default: any free one).")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--fresh", action="store_true", help="Make the bench data afresh first.")
    options = parser.parse_args()
    results = run(options)
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"Written to {options.output.name}.")


if __name__ == "__main__":
    main()
