"""`make serve` for real: scripts/serve.sh refuses to start without its secrets, else starts gunicorn
(two processes) and a task worker on the production settings; /metrics adds up both processes' counts,
the deep check sees the worker, and the request id comes back in every answer."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from bench.servers import HOST, ROOT, free_port, wait_until_up

TOKEN = "serve-test-monitoring-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # Not the suite's database, settings module or async switch (the deploy check refuses that one).
    dropped = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {name: value for name, value in os.environ.items() if name not in dropped}
    return {
        **env,
        "OPENPIE_ENV_FILE": "",
        "OPENPIE_SQLITE_PATH": str(tmp_path / "openpie.sqlite3"),
        "OPENPIE_MEDIA_ROOT": str(tmp_path / "media"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
        "GUNICORN_CONTROL_SOCKET": str(tmp_path / "gunicorn.ctl"),
        "GUNICORN_WORKERS": "2",
        "OPENPIE_MONITORING_TOKEN": TOKEN,
        "OPENPIE_WORKER_HEARTBEAT_SECONDS": "1",
        **extra,
    }


def test_it_refuses_to_start_without_the_secret_key_and_allowed_hosts(tmp_path):
    env = _env(tmp_path)
    env.pop("DJANGO_SECRET_KEY", None)
    env.pop("DJANGO_ALLOWED_HOSTS", None)
    done = subprocess.run(
        ["scripts/serve.sh", str(ROOT / ".venv/bin/python"), f"{HOST}:{free_port()}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "set DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS" in done.stderr


def _refused_posts(url: str) -> float:
    """POSTs answered 4xx, counted by all the processes (nothing else here sends a POST)."""
    text = requests.get(f"{url}/metrics", headers=AUTH, timeout=10).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "openpie_http_requests_total" and sample.labels == {"method": "POST", "status": "4xx"}
    )


@pytest.fixture
def served(tmp_path):
    port = free_port()
    env = _env(tmp_path, DJANGO_SECRET_KEY="serve-test-" + "k" * 50, DJANGO_ALLOWED_HOSTS=HOST)
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        ["scripts/serve.sh", str(ROOT / ".venv/bin/python"), f"{HOST}:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://{HOST}:{port}"
    try:
        wait_until_up(url, process=process, timeout=120)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        log.close()


def test_make_serve_runs_gunicorn_and_a_worker_with_metrics_from_every_process(served):
    before = _refused_posts(served)
    ids = set()
    for number in range(40):
        answer = requests.post(f"{served}/healthz", headers={"X-Request-ID": f"serve-test-{number:04d}"}, timeout=10)
        assert answer.status_code == 405
        ids.add(answer.headers["X-Request-ID"])
    assert ids == {f"serve-test-{number:04d}" for number in range(40)}
    # Whichever of the two processes answered each, the scrape adds both up.
    assert _refused_posts(served) - before == 40

    deep = requests.get(f"{served}/healthz/deep", headers=AUTH, timeout=10)
    assert deep.json()["checks"]["database"]["status"] == "ok"
    assert deep.json()["checks"]["worker"]["status"] == "ok"
    assert deep.json()["checks"]["retention"]["status"] == "failing"  # never run on a new installation
    assert requests.get(f"{served}/metrics", timeout=10).status_code == 404
    # Production settings: anything but the operations addresses is redirected to HTTPS.
    assert requests.get(f"{served}/", allow_redirects=False, timeout=10).headers["Location"].startswith("https://")
