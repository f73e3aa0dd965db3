"""Real identity providers on loopback for the sign-in browser tests, started and stopped by fixtures.

OpenID Connect: node's ``oidc-provider`` from npm (``tests/idp/oidc``, installed by
``scripts/test_setup.sh``), with its development sign-in page: any login (the email address it then
asserts) and any password.

SAML 2.0: pysaml2's identity provider (``tests/idp/saml/server.py``, pysaml2 from requirements-dev.txt,
signing with Debian's ``xmlsec1``), which makes its own certificate and takes any email address.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

OIDC_DIR = Path(__file__).resolve().parents[1] / "idp" / "oidc"
OIDC_PORT = int(os.environ.get("OPENPIE_TEST_OIDC_PORT", "8122"))
SAML_SERVER = Path(__file__).resolve().parents[1] / "idp" / "saml" / "server.py"
SAML_PORT = int(os.environ.get("OPENPIE_TEST_SAML_PORT", "8124"))
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


@dataclass(frozen=True)
class SamlIdentityProvider:
    entity_id: str
    sso_url: str
    metadata_url: str
    certificate: str  # PEM


@contextmanager
def saml_identity_provider() -> Iterator[SamlIdentityProvider]:
    """The identity provider, with a certificate of its own; stopped afterwards."""
    if shutil.which("xmlsec1") is None:
        pytest.skip("Debian's xmlsec1 is needed (scripts/test_setup.sh installs it)")
    env = {**os.environ, "PORT": str(SAML_PORT), "PYTHONWARNINGS": "ignore"}
    process = subprocess.Popen(
        [sys.executable, str(SAML_SERVER)], env=env, stdout=subprocess.PIPE, stderr=None, text=True
    )
    try:
        assert process.stdout is not None
        lines = iter(process.stdout)
        if not next(lines, "").startswith("ready "):
            raise RuntimeError("the SAML identity provider stopped before it was ready")
        certificate = "".join(iter(lambda: next(lines), "end of certificate\n"))
        base = f"http://127.0.0.1:{SAML_PORT}"
        yield SamlIdentityProvider(
            entity_id=f"{base}/metadata",
            sso_url=f"{base}/sso",
            metadata_url=f"{base}/metadata",
            certificate=certificate,
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
