"""Log lines that say which request (or task) they belong to, as JSON in production or plain text.

Every request gets an id: the incoming ``X-Request-ID`` when it is well formed (a load balancer's
or a client's, so one id follows a request across systems), else a new one; it goes back in the
response's ``X-Request-ID`` header. While the request (or, in a task worker, a task) runs, every log
line carries it: ``RequestIdFilter`` copies it from a context variable onto each record, and
``JsonFormatter`` writes one JSON object a line. ``OPENPIE_LOG_FORMAT`` chooses ``json`` (the
default in production) or ``text`` (the default elsewhere).
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

HEADER = "X-Request-ID"
WELL_FORMED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$")

request_id_var: ContextVar[str] = ContextVar("openpie_request_id", default="")
task_id_var: ContextVar[str] = ContextVar("openpie_task_id", default="")

# What every LogRecord has; anything else on a record came from ``extra=`` and is written out too.
# (Django's ``request`` extra is left out: its message already says the method and path.)
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "task_id",
    "request",
}


def request_id_from(incoming: str | None) -> str:
    """The caller's id if it is well formed (letters, digits, ``._:-``; 8 to 128 long), else a new one."""
    if incoming and WELL_FORMED.match(incoming):
        return incoming
    return uuid.uuid4().hex


def current_request_id() -> str:
    return request_id_var.get()


@contextmanager
def log_context(*, request_id: str = "", task_id: str = "") -> Iterator[None]:
    """Every log line written inside the block carries these ids."""
    request_token = request_id_var.set(request_id)
    task_token = task_id_var.set(task_id)
    try:
        yield
    finally:
        task_id_var.reset(task_token)
        request_id_var.reset(request_token)


def request_done(**kwargs: object) -> None:
    """When a response has been sent and closed (``request_finished``), the thread's lines carry no id."""
    request_id_var.set("")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or "-"
        record.task_id = task_id_var.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, the ids, extras and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "task_id"):
            value = getattr(record, key, "-")
            if value and value != "-":
                line[key] = value
        line.update({key: value for key, value in vars(record).items() if key not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)
