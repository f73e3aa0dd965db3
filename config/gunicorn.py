"""gunicorn's settings for ``make serve`` (scripts/serve.sh): ``gunicorn -c config/gunicorn.py``.

Each request is logged by the application itself, with its id (openpie/operations/logs.py), so
gunicorn's own access log is off. With ``PROMETHEUS_MULTIPROC_DIR`` set, a worker that exits has its
metrics files marked dead so that its gauges stop counting (counters and histograms are kept).
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
# Longer than a client's pause and than a load balancer's upstream keep-alive: with gunicorn's 2 s default,
# connections closed just as clients reused them, and those requests failed (docs/performance.md).
keepalive = 75
# gunicorn's control socket, one per installation (not one per user's home folder).
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or "var/gunicorn.ctl"
accesslog = None
errorlog = "-"
# Long exports run in the task worker, never in a request; a request stuck this long is restarted.
timeout = 60
graceful_timeout = 30


def child_exit(server: Any, worker: Any) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
