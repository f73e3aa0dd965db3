"""A task worker's lines for a task carry the task's id and the id of the request that queued it."""

from __future__ import annotations

import logging
from io import StringIO
from uuid import UUID

import pytest
from django.core.management import call_command
from django_tasks import task

from openpie.operations.logs import log_context
from openpie.operations.models import TaskOrigin
from openpie.operations.tests.test_logs import json_lines  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@task()
def say_hello() -> None:
    logging.getLogger("openpie.test.task").info("hello from the task")


def test_the_workers_lines_for_a_task_carry_the_request_that_queued_it(json_lines):  # noqa: F811
    with log_context(request_id="req-from-the-web-0001"):
        queued = say_hello.enqueue()
    assert TaskOrigin.objects.get(task_id=UUID(queued.id)).request_id == "req-from-the-web-0001"
    logging.getLogger("django_tasks").setLevel(logging.INFO)
    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "w2", stdout=StringIO())
    lines = json_lines()
    said = next(line for line in lines if line["message"] == "hello from the task")
    assert said["request_id"] == "req-from-the-web-0001"
    assert said["task_id"] == str(queued.id)
    finished = [line for line in lines if "SUCCESSFUL" in line["message"] and str(queued.id) in line["message"]]
    assert finished
    assert finished[-1]["request_id"] == "req-from-the-web-0001"
    logging.getLogger("openpie.test.task").info("after the task")
    assert "task_id" not in json_lines()[-1]


def test_a_task_queued_outside_a_request_has_no_origin():
    queued = say_hello.enqueue()
    assert not TaskOrigin.objects.filter(task_id=UUID(queued.id)).exists()
