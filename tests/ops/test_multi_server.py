"""More than one machine: two app servers and two task workers share one PostgreSQL, behind nginx
(round robin) on loopback. A person signs in through one server and carries on through the other; a
file uploaded through one is downloaded through the other; an export asked for through one server is
made by whichever worker takes it and downloaded through either. Nothing lives in a process or on a
disk only one server sees (uploads share one folder here; object storage in a real deployment)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from bench.servers import Process, free_port, wait_until_up
from openpie.assessments.models import Evidence
from openpie.assessments.tests.factories import PDF_BYTES
from openpie.exports.models import ExportJob
from tests.ops.conftest import PASSWORD, Servers, csrf, set_server_password

pytestmark = pytest.mark.django_db(transaction=True)

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 128; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    client_max_body_size 20m;
    upstream openpie {{ {upstreams} }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://openpie;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            add_header X-Served-By $upstream_addr always;
        }}
    }}
}}
"""


def start_nginx(servers: Servers, backends: list[Process]) -> Process:
    folder = servers.folder / "nginx"
    folder.mkdir()
    port = free_port()
    upstreams = " ".join(f"server 127.0.0.1:{b.port};" for b in backends)
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=folder, port=port, upstreams=upstreams))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log")]
    log = folder / "stdout.log"
    with log.open("wb") as out:
        popen = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    process = Process(popen, log, port)
    servers.started.append(process)
    wait_until_up(process.url, process=popen)
    return process


@pytest.fixture
def front(servers: Servers) -> tuple[Process, set[str]]:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.fail("nginx is missing: make test-setup installs it (scripts/test_setup.sh)")
    apps = [servers.gunicorn("app-a", workers=1), servers.gunicorn("app-b", workers=1)]
    servers.task_worker("worker-a")
    servers.task_worker("worker-b")
    return start_nginx(servers, apps), {f"127.0.0.1:{app.port}" for app in apps}


def sign_in(base: str, email: str) -> tuple[requests.Session, set[str]]:
    http = requests.Session()
    form = http.get(f"{base}/sign-in/", timeout=10)
    answer = http.post(
        f"{base}/sign-in/",
        data={"username": email, "password": PASSWORD, "csrfmiddlewaretoken": http.cookies["csrftoken"]},
        headers={"Referer": f"{base}/sign-in/"},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text[:500]
    return http, {form.headers["X-Served-By"], answer.headers["X-Served-By"]}


def posted(http: requests.Session, url: str, **sent: object) -> requests.Response:
    """A form sent through the front (with its token); it must succeed with a redirect."""
    answer = http.post(url, headers=csrf(http), allow_redirects=False, timeout=10, **sent)  # type: ignore[arg-type]
    assert answer.status_code == 302, answer.text[:500]
    return answer


@pytest.fixture
def staff(world, front) -> requests.Session:
    set_server_password(world.people.staff)
    return sign_in(front[0].url, world.people.staff.email)[0]


def test_a_session_moves_freely_between_two_app_servers(world, front):
    nginx, apps = front
    set_server_password(world.people.staff)
    http, sign_in_servers = sign_in(nginx.url, world.people.staff.email)
    assert sign_in_servers == apps  # the form came from one server, the password went to the other

    round_url = f"{nginx.url}/rounds/{world.round.round.pk}/"
    answers = [http.get(round_url, allow_redirects=False, timeout=10) for _ in range(4)]
    assert [a.status_code for a in answers] == [200] * 4
    assert {a.headers["X-Served-By"] for a in answers} == apps
    assert all(world.round.round.title in a.text for a in answers)


def test_a_file_uploaded_through_one_server_downloads_through_the_other(world, front, staff):
    nginx, apps = front
    http = staff
    posted(
        http,
        f"{nginx.url}/threads/{world.round.thread.pk}/evidence/add/",
        data={"text": "Minutes of the house meeting"},
        files={"file": ("minutes.pdf", PDF_BYTES, "application/pdf")},
    )
    evidence = Evidence.objects.get(text="Minutes of the house meeting")
    downloads = [http.get(f"{nginx.url}/evidence/{evidence.pk}/file/", timeout=10) for _ in range(4)]
    assert {d.headers["X-Served-By"] for d in downloads} == apps
    assert all(d.status_code == 200 and d.content == PDF_BYTES for d in downloads)


def test_an_export_asked_for_through_one_server_is_made_by_a_worker_and_downloads_anywhere(world, front, staff):
    nginx, apps = front
    http = staff
    asked = posted(http, f"{nginx.url}/units/{world.tree.service.pk}/export/", data={"choice": "subtree:csv"})
    job_id = int(re.findall(r"/exports/(\d+)/", asked.headers["Location"])[0])
    deadline = time.monotonic() + 30
    while ExportJob.objects.get(pk=job_id).state != ExportJob.State.DONE:
        assert time.monotonic() < deadline, "no worker made the export"
        time.sleep(0.2)

    from django_tasks_db.models import DBTaskResult

    ran_by = DBTaskResult.objects.get(args_kwargs__args=[job_id]).worker_ids
    assert set(ran_by) & {"worker-a", "worker-b"}
    downloads = [http.get(f"{nginx.url}/exports/{job_id}/download/", timeout=10) for _ in range(4)]
    assert {d.headers["X-Served-By"] for d in downloads} == apps
    assert all(d.status_code == 200 and b"unit_id" in d.content for d in downloads)
