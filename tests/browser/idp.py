"""Real identity providers on loopback for the sign-in browser tests, started and stopped by fixtures.

OpenID Connect: node's ``oidc-provider`` from npm (``tests/idp/oidc``, installed by
``scripts/test_setup.sh``), with its development sign-in page: any login (the email address it then
asserts) and any password.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

OIDC_DIR = Path(__file__).resolve().parents[1] / "idp" / "oidc"
OIDC_PORT = int(os.environ.get("OPENPIE_TEST_OIDC_PORT", "8122"))
CLIENT_ID = "openpie-test"
CLIENT_SECRET = "openpie-test-secret-not-for-production"


@dataclass(frozen=True)
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str


@contextmanager
def oidc_provider(redirect_uri: str) -> Iterator[OidcProvider]:
    """The provider, its one client sending people back to ``redirect_uri``; stopped afterwards."""
    node = shutil.which("node")
    if node is None or not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("node and tests/idp/oidc/node_modules are needed (scripts/test_setup.sh installs them)")
    env = {
        **os.environ,
        "PORT": str(OIDC_PORT),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URI": redirect_uri,
    }
    process = subprocess.Popen(
        [node, "server.js"], cwd=OIDC_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:  # waits for the provider to say it is listening
            if line.startswith("ready "):
                break
        else:
            raise RuntimeError("the OpenID Connect provider stopped before it was ready")
        yield OidcProvider(issuer=f"http://127.0.0.1:{OIDC_PORT}", client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    finally:
        process.terminate()
        process.wait(timeout=10)
