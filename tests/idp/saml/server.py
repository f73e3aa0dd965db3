"""A SAML 2.0 identity provider on loopback for the sign-in browser tests: pysaml2's ``Server``.

It makes its own signing key and certificate when it starts. It learns a service provider from its
first authentication request: the request's issuer (allauth's entity id is the address of its metadata)
is fetched, on loopback only, and loaded as that provider's metadata. Its sign-in
page takes any email address (the one it then asserts, as the NameID and the ``mail`` attribute) and
any password, like the OpenID Connect provider's development page. It answers:

- ``GET /metadata``: its metadata (entity id, sign-in address, certificate);
- ``GET /sso?SAMLRequest=…&RelayState=…``: the HTTP-Redirect binding's authentication request, and its
  sign-in page;
- ``POST /sso/login``: a signed response (assertion and message signed), in a page whose button posts
  it to the service provider (HTTP-POST binding).

Environment: ``PORT``. Prints ``ready <port>``, then the certificate (PEM) and ``end of certificate``,
when it is listening.
"""

from __future__ import annotations

import base64
import datetime
import html
import os
import sys
import tempfile
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.mdstore import MetadataStore
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

PORT = int(os.environ.get("PORT", "8124"))
BASE = f"http://127.0.0.1:{PORT}"
LOOPBACK = ("http://127.0.0.1:", "http://localhost:")
PASSWORD_CLASS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


def key_and_certificate(folder: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OpenPIE test identity provider")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / "idp.key", folder / "idp.crt"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def know_service_provider(idp: Server, entity_id: str) -> None:
    """Load the service provider's metadata from its entity id (an address on loopback), once."""
    known: set[str] = idp.known_providers
    if entity_id in known:
        return
    if not entity_id.startswith(LOOPBACK):
        raise ValueError(f"not a service provider on loopback: {entity_id}")
    with urllib.request.urlopen(entity_id, timeout=10) as answer:  # noqa: S310 - loopback http only, checked above
        xml = answer.read()
    path = Path(idp.folder) / f"sp-{len(known)}.xml"
    path.write_bytes(xml)
    idp.metadata.load("local", str(path))
    known.add(entity_id)


def idp_server(folder: Path) -> Server:
    key_path, cert_path = key_and_certificate(folder)
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{BASE}/metadata",
            "service": {
                "idp": {
                    "name": "OpenPIE test identity provider",
                    "endpoints": {"single_sign_on_service": [(f"{BASE}/sso", BINDING_HTTP_REDIRECT)]},
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                    "want_authn_requests_signed": False,
                    "sign_response": True,
                    "sign_assertion": True,
                    "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
                }
            },
            "key_file": str(key_path),
            "cert_file": str(cert_path),
            "xmlsec_binary": "/usr/bin/xmlsec1",
        }
    )
    # No service provider yet: each is learnt from its first request (know_service_provider).
    config.metadata = MetadataStore(config.attribute_converters, config)
    server = Server(config=config)
    server.folder = str(folder)
    server.known_providers = set()
    server.metadata_xml = create_metadata_string(None, config=config, valid=1).decode()
    server.cert_pem = cert_path.read_text()
    return server


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1>{body}</body></html>"""


class Handler(BaseHTTPRequestHandler):
    server_version = "OpenPIETestIdP"
    idp: Server

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write("idp: " + format % args + "\n")

    def _send(self, status: int, body: str, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        if url.path == "/metadata":
            return self._send(200, self.idp.metadata_xml, "application/samlmetadata+xml")
        if url.path == "/sso" and "SAMLRequest" in query:
            request = self.idp.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
            know_service_provider(self.idp, request.message.issuer.text)
            fields = "".join(
                f'<input type="hidden" name="{name}" value="{html.escape(query.get(name, ""))}">'
                for name in ("SAMLRequest", "RelayState")
            )
            body = (
                f"<p>Signing in to {html.escape(request.message.issuer.text)}</p>"
                f'<form method="post" action="/sso/login">{fields}'
                '<label>Email <input name="email" type="email"></label> '
                '<label>Password <input name="password" type="password"></label> '
                '<button type="submit">Sign in to the identity provider</button></form>'
            )
            return self._send(200, PAGE.format(title="Test identity provider", body=body))
        return self._send(404, PAGE.format(title="Not found", body=""))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        if urlsplit(self.path).path != "/sso/login":
            return self._send(404, PAGE.format(title="Not found", body=""))
        request = self.idp.parse_authn_request(form["SAMLRequest"], BINDING_HTTP_REDIRECT).message
        email = form.get("email", "").strip()
        # Where the service provider's metadata says to send the answer (not where the request says).
        acs_url = self.idp.metadata.assertion_consumer_service(request.issuer.text, BINDING_HTTP_POST)[0]["location"]
        response = self.idp.create_authn_response(
            identity={"mail": [email], "displayName": [email.partition("@")[0].replace(".", " ").title()]},
            in_response_to=request.id,
            destination=acs_url,
            sp_entity_id=request.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
            authn={"class_ref": PASSWORD_CLASS},
            sign_response=True,
            sign_assertion=True,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        # The HTTP-POST binding by hand: pysaml2's own page posts by script, this one has a button.
        encoded = base64.b64encode(str(response).encode()).decode()
        body = (
            f'<form method="post" action="{html.escape(acs_url)}">'
            f'<input type="hidden" name="SAMLResponse" value="{encoded}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(form.get("RelayState", ""))}">'
            '<button type="submit">Continue to the service</button></form>'
        )
        return self._send(200, PAGE.format(title="Signed in", body=body))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="openpie-idp-") as folder:
        Handler.idp = idp_server(Path(folder))
        httpd = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
        print(f"ready {PORT}", flush=True)
        print(Handler.idp.cert_pem, flush=True)
        print("end of certificate", flush=True)
        try:
            httpd.serve_forever()
        finally:
            httpd.server_close()


if __name__ == "__main__":
    main()
