"""Real server processes on loopback for the benchmarks, the load test and the fault tests: gunicorn
app servers, task workers, nginx in front. Each one is started here and stopped by its own id."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def server_env(*, database_url: str, media_root: Path, secret_key: str = "", **extra: str) -> dict[str, str]:
    """Production-like settings (DEBUG off), plain HTTP on loopback."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "OPENPIE_ENV": "development",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        "OPENPIE_MEDIA_ROOT": str(media_root),
        "OPENPIE_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    if secret_key:
        env["DJANGO_SECRET_KEY"] = secret_key
    return env


@dataclass
class Process:
    """One started process (and its children, in its own process group) with its log file."""

    popen: subprocess.Popen[bytes]
    log: Path
    port: int = 0
    children: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=5)

    def worker_pids(self) -> list[int]:
        """gunicorn's worker processes (the children of its arbiter)."""
        found = Path(f"/proc/{self.popen.pid}/task/{self.popen.pid}/children")
        try:
            return [int(pid) for pid in found.read_text().split()]
        except OSError:
            return []

    def descendants(self) -> list[int]:
        """Every process below this one (gunicorn's workers, or make run's server and task worker)."""
        found, waiting = [], [self.popen.pid]
        while waiting:
            pid = waiting.pop()
            try:
                children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
            except OSError:
                children = []
            found += children
            waiting += children
        return found

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _spawn(command: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 (fixed commands)
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_up(url: str, *, process: subprocess.Popen[bytes] | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The process for {url} stopped (exit {process.returncode}).")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s.")


def start_gunicorn(
    *, env: dict[str, str], log: Path, workers: int = 2, threads: int = 1, port: int = 0, timeout: int = 30
) -> Process:
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--control-socket",
        str(log.with_suffix(".ctl")),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        "5",
        # Longer than a client's pause between requests (locust's people wait 1-3 s, a browser longer):
        # with gunicorn's 2 s default the server closed connections the client was about to reuse, and
        # a request sent as it closed failed (measured: docs/performance.md). An idle connection holds
        # no thread in the gthread worker.
        "--keep-alive",
        "75",
    ]
    process = Process(_spawn(command, env=env, log=log), log, port)
    try:
        wait_until_up(process.url, process=process.popen)
    except RuntimeError as exc:
        process.stop()
        raise RuntimeError(f"{exc}\n{process.log_text()[-3000:]}") from exc
    return process


def start_make_run(*, env: dict[str, str], log: Path, port: int = 0) -> Process:
    """``make run``'s default server, as ``make run`` starts it (scripts/run.sh), on its SQLite database."""
    port = port or free_port()
    command = ["scripts/run.sh", sys.executable, f"{HOST}:{port}"]
    process = Process(_spawn(command, env=env, log=log), log, port)
    try:
        wait_until_up(process.url, process=process.popen, timeout=60)
    except RuntimeError as exc:
        process.stop()
        raise RuntimeError(f"{exc}\n{process.log_text()[-3000:]}") from exc
    return process


def start_task_worker(*, env: dict[str, str], log: Path, name: str = "") -> Process:
    command = [sys.executable, "manage.py", "task_worker", "--interval", "0.2", "--no-startup-delay"]
    if name:
        command += ["--worker-id", name]
    return Process(_spawn(command, env=env, log=log), log)


def peak_rss_kb(pid: int) -> int:
    """The most memory the process has held (VmHWM), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@contextmanager
def running(*processes: Process) -> Iterator[tuple[Process, ...]]:
    try:
        yield processes
    finally:
        for process in processes:
            process.stop()
