"""A software passkey for tests: makes and uses a P-256 credential as an authenticator would (attestation
"none", user present and verified), so the server's real checks (python-fido2 through allauth) run on it.
The browser's side is tested with Chromium's virtual authenticator (tests/browser/test_passkeys.py)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import AttestationObject, AttestedCredentialData, AuthenticatorData

ORIGIN = "http://localhost"  # a secure context, and a name (WebAuthn takes no IP address)
FLAGS = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV


@dataclass
class SoftPasskey:
    rp_id: str = "localhost"
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    user_handle: bytes = b""
    counter: int = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": False}).encode()

    def create(self, options: dict[str, Any]) -> str:
        """The answer to ``navigator.credentials.create`` for these options, as the browser's JSON."""
        public_key = options["publicKey"]
        self.user_handle = websafe_decode(public_key["user"]["id"])
        cose = ES256.from_cryptography_key(self.key.public_key())
        attested = AttestedCredentialData.create(b"\0" * 16, self.credential_id, cose)
        rp_hash = hashlib.sha256(self.rp_id.encode()).digest()
        auth_data = AuthenticatorData.create(rp_hash, FLAGS | AuthenticatorData.FLAG.AT, 0, attested)
        attestation = AttestationObject.create("none", auth_data, {})
        response = {
            "clientDataJSON": websafe_encode(self._client_data("webauthn.create", public_key["challenge"])),
            "attestationObject": websafe_encode(bytes(attestation)),
        }
        return self._json(response, {"credProps": {"rk": True}})

    def get(self, options: dict[str, Any]) -> str:
        """The answer to ``navigator.credentials.get``: signed with the passkey's key."""
        self.counter += 1
        client_data = self._client_data("webauthn.get", options["publicKey"]["challenge"])
        rp_hash = hashlib.sha256(self.rp_id.encode()).digest()
        auth_data = bytes(AuthenticatorData.create(rp_hash, FLAGS, self.counter))
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        response = {
            "clientDataJSON": websafe_encode(client_data),
            "authenticatorData": websafe_encode(auth_data),
            "signature": websafe_encode(signature),
            "userHandle": websafe_encode(self.user_handle),
        }
        return self._json(response, {})

    def _json(self, response: dict[str, str], extensions: dict[str, Any]) -> str:
        credential_id = websafe_encode(self.credential_id)
        return json.dumps(
            {
                "id": credential_id,
                "rawId": credential_id,
                "type": "public-key",
                "response": response,
                "clientExtensionResults": extensions,
            }
        )
