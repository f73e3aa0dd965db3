"""A client generated from the published OpenAPI (openapi-python-client) walks a round against a live server.

The client is generated at test time from the schema the server publishes, into a temporary folder:
if an operation's shape, name or answers drift from what the schema says, the generated code no
longer fits and this walk fails.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from django.utils import timezone

from openpie.accounts.services import api_token_create
from openpie.api.api import api

PACKAGE = "openpie_client"


@pytest.fixture(scope="module")
def generated() -> Iterator[ModuleType]:
    """The generated client package, importable for this module's tests."""
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        schema = where / "openapi.json"
        schema.write_text(json.dumps(api.get_openapi_schema()), encoding="utf-8")
        tools = Path(sys.executable).parent
        env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"}
        command: list[str | Path] = [tools / "openapi-python-client", "generate", "--path", schema]
        command += ["--output-path", where / PACKAGE]
        subprocess.run(  # noqa: S603 (our own tool, on a schema we just wrote)
            [*command, "--meta", "none"],
            check=True,
            capture_output=True,
            env=env,
            cwd=where,
        )
        sys.path.insert(0, str(where))
        try:
            yield importlib.import_module(PACKAGE)
        finally:
            sys.path.remove(str(where))
            for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
                del sys.modules[name]


def _op(tag: str, operation: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.api.{tag}.{operation}")


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_walks_a_round(generated, live_server, people, tree, framework):
    _, token = api_token_create(user=people.lead, name="generated client")
    client = generated.AuthenticatedClient(base_url=live_server.url, token=token, raise_on_unexpected_status=True)
    models = importlib.import_module(f"{PACKAGE}.models")

    me = _op("people", "me").sync(client=client)
    assert me.email == people.lead.email
    organisations = _op("organisations", "organisation_list").sync(client=client, limit=10)
    assert [o.name for o in organisations.items] == [tree.organisation.name]
    frameworks = _op("frameworks", "framework_list").sync(client=client)
    assert framework.pk in [f.id for f in frameworks.items]

    body = models.RoundIn(form=models.RoundInForm("short"), framework_id=framework.pk, held_on=timezone.localdate())
    round_ = _op("rounds", "round_start").sync(unit_id=tree.service.pk, client=client, body=body)
    assert round_.state == "draft"
    transition = _op("rounds", "round_transition")
    opened = transition.sync(round_id=round_.id, client=client, body=models.TransitionIn(to=models.TransitionInTo.OPEN))
    assert opened.state == "open"

    thread = round_.threads[0]
    bead = models.PlacementIn(position=7, target=None, version=thread.placement.version)
    placed = _op("rounds", "placement_change").sync(placement_id=thread.placement.id, client=client, body=bead)
    assert placed.position == 7
    evidence = models.EvidenceIn(text="Keyworkers meet each resident weekly")
    _op("rounds", "evidence_create").sync(thread_id=thread.id, client=client, body=evidence)
    listed = _op("rounds", "evidence_list").sync(round_id=round_.id, client=client, limit=5, offset=0)
    assert (listed.count, [e.text for e in listed.items]) == (1, ["Keyworkers meet each resident weekly"])

    read = _op("rounds", "round_detail").sync(round_id=round_.id, client=client)
    assert read.threads[0].placement.position == 7
    to_review = models.TransitionIn(to=models.TransitionInTo.IN_REVIEW)
    assert transition.sync(round_id=round_.id, client=client, body=to_review).state == "in_review"
    closed = transition.sync(
        round_id=round_.id, client=client, body=models.TransitionIn(to=models.TransitionInTo.CLOSED)
    )
    assert closed.state == "closed"
    rounds = _op("rounds", "round_list").sync(unit_id=tree.service.pk, client=client)
    assert [r.id for r in rounds.items] == [round_.id]
