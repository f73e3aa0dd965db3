"""Uploads: disguised types, SVG with script, oversized files and tricks in names, through every upload.

Evidence files (a round's stage 2) take a PDF, an image or an office document, judged by what the
file is, never its name: anything else is refused beside the field and nothing is saved. A file that
is accepted (a real PDF with a hostile name, a polyglot whose first bytes are a real image) is stored
under a name the service makes, and only ever served as a download: ``Content-Disposition:
attachment``, ``X-Content-Type-Options: nosniff`` and the allowed type it really is.

The framework import takes a text file (YAML or JSON) up to 1 MB and stores no file: disguised and
oversized files are refused with a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openpie.assessments.models import Evidence
from openpie.assessments.services.files import ALLOWED, MAX_BYTES
from openpie.frameworks.models import Framework
from tests.security.figures import figures

pytestmark = pytest.mark.django_db

FIGURES = figures(
    "uploads",
    "upload attempts",
    "refused",
    "accepted",
    "wrongly accepted",
    "served inline",
    "unsafe stored names",
    "wrongly refused",
    "server errors",
)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PHP = b"<?php system($_GET['c']); ?>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
SCRIPT = b"#!/bin/sh\nrm -rf /\n"


@dataclass(frozen=True)
class Upload:
    what: str
    name: str
    content: bytes
    allowed: bool  # what the file really is may be kept (and then only served as a download)


UPLOADS = [
    # Disguised types: what a file is decides, not its name.
    Upload("a program named .pdf", "report.pdf", EXE, False),
    Upload("a Linux program named .png", "photo.png", ELF, False),
    Upload("a web page named .pdf", "minutes.pdf", HTML, False),
    Upload("a web page named .png", "chart.png", HTML, False),
    Upload("a web page named .docx", "notes.docx", HTML, False),
    Upload("PHP named .png", "image.png", PHP, False),
    Upload("PHP named .php", "shell.php", PHP, False),
    Upload("a shell script named .pdf", "run.pdf", SCRIPT, False),
    Upload("SVG with script", "drawing.svg", SVG, False),
    Upload("SVG with script named .png", "drawing.png", SVG, False),
    Upload("SVG with script named .pdf", "drawing.pdf", SVG, False),
    Upload("an empty file", "empty.pdf", b"", False),
    Upload("one byte over the limit", "big.pdf", PDF + b"0" * (MAX_BYTES + 1 - len(PDF)), False),
    # Polyglots and active content in allowed types: kept as what they are, served only as downloads.
    Upload("a GIF with a web page after it", "gifar.gif", GIF + HTML, True),
    Upload("a JPEG with a web page after it", "photo.jpg", JPEG + HTML, True),
    Upload("a PNG with PHP after it", "image.png", PNG + PHP, True),
    Upload("a PDF with a web page after it", "page.pdf", PDF + HTML, True),
    Upload("a PDF with JavaScript", "form.pdf", PDF + b"<</S/JavaScript/JS(app.alert(1))>>", True),
    Upload("exactly the limit", "limit.pdf", PDF + b"0" * (MAX_BYTES - len(PDF)), True),
    # Tricks in names, on real PDFs.
    Upload("a path up and out", "../../../../etc/passwd.pdf", PDF, True),
    Upload("an absolute path", "/etc/cron.d/evil.pdf", PDF, True),
    Upload("a Windows path", "..\\..\\Windows\\win.ini.pdf", PDF, True),
    Upload("a NUL in the name", "report.pdf\x00.html", PDF, True),
    Upload("a double extension", "report.pdf.exe", PDF, True),
    Upload("a double extension the other way", "report.php.pdf", PDF, True),
    Upload("a very long name", "a" * 1000 + ".pdf", PDF, True),
    Upload("a Unicode name", "résumé 😀 \u202egnp.pdf", PDF, True),
    Upload("a name with HTML", "<img src=x onerror=alert(1)>.pdf", PDF, True),
    Upload("a name with quotes and a header", 'x".pdf\r\nContent-Type: text/html', PDF, True),
    Upload("no name at all", ".pdf", PDF, True),
]

STORED = re.compile(r"^evidence/\d+/\d{6}/evidence(_[A-Za-z0-9]+)?\.[a-z0-9]+$")


def _record(upload: Upload, problem: str | None) -> str | None:
    if problem:
        FIGURES.add(problem)
        FIGURES.notes.append(f"{problem}: {upload.what}")
        return f"{problem}: {upload.what}"
    return None


def _check_evidence_upload(client, world, upload: Upload) -> str | None:
    thread = world.round.thread
    before = set(Evidence.objects.filter(thread=thread).values_list("pk", flat=True))
    url = reverse("assessments:evidence-add", args=[thread.pk])
    response = client.post(url, {"text": "", "file": SimpleUploadedFile(upload.name, upload.content)})
    FIGURES.add("upload attempts")
    if response.status_code >= 500:
        return _record(upload, "server errors")
    new = Evidence.objects.filter(thread=thread).exclude(pk__in=before).first()
    if new is None:
        FIGURES.add("refused")
        assert response.status_code in {200, 400}, upload.what
        assert "There is a problem" in response.content.decode(), f"refused without a message: {upload.what}"
        return _record(upload, "wrongly refused" if upload.allowed else None)
    FIGURES.add("accepted")
    if not upload.allowed:
        return _record(upload, "wrongly accepted")
    shown = new.file_name
    if not STORED.match(new.file.name) or any(c in shown for c in "/\\\x00\r\n") or len(shown) > 200:
        return _record(upload, "unsafe stored names")
    download = client.get(reverse("assessments:evidence-file", args=[new.pk]))
    inline = (
        not download["Content-Disposition"].startswith("attachment")
        or download.get("X-Content-Type-Options") != "nosniff"
        or download["Content-Type"] not in ALLOWED
    )
    return _record(upload, "served inline" if inline else None)


def test_evidence_uploads_refuse_what_is_unsafe_and_never_serve_a_file_inline(world, client_for):
    client = client_for(world.people.staff)
    problems = [p for u in UPLOADS if (p := _check_evidence_upload(client, world, u))]
    assert not problems, problems


def _yaml_bomb(depth: int = 5) -> bytes:
    """Aliases that multiply: each level ten of the one before (a "billion laughs", kept small)."""
    lines = ['l0: &l0 "lol"']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, depth + 1)]
    return ("\n".join(lines) + "\n").encode()


FRAMEWORK_FILES = [
    Upload("a program named .yaml", "framework.yaml", EXE, False),
    Upload("a web page named .yaml", "framework.yaml", HTML, False),
    Upload("SVG with script named .json", "framework.json", SVG, False),
    Upload("one byte over 1 MB", "framework.yaml", b"#" * (1024 * 1024 + 1), False),
    Upload("an empty file", "framework.yaml", b"", False),
    Upload("a path up and out", "../../../../etc/passwd", b"name: x\n", False),
    Upload("a NUL in the name and the text", "f\x00.yaml", b"name: \x00\n", False),
    Upload("YAML that builds objects", "framework.yaml", b"!!python/object/apply:os.system ['id']\n", False),
    Upload("YAML aliases that multiply", "framework.yaml", _yaml_bomb(), False),
    Upload("JSON nested very deep", "framework.json", b"[" * 100_000 + b"]" * 100_000, False),
]


@pytest.mark.parametrize("upload", FRAMEWORK_FILES, ids=lambda u: u.what)
def test_the_framework_import_refuses_files_that_are_not_a_framework_with_a_message(upload, world, client_for):
    client = client_for(world.people.admin)
    before = Framework.objects.count()
    url = reverse("frameworks:import", args=[world.tree.organisation.pk])
    response = client.post(url, {"file": SimpleUploadedFile(upload.name, upload.content)})
    FIGURES.add("upload attempts")
    if response.status_code >= 500:
        _record(upload, "server errors")
    assert response.status_code == 200, upload.what
    FIGURES.add("refused" if Framework.objects.count() == before else "accepted")
    if Framework.objects.count() != before:
        _record(upload, "wrongly accepted")
    assert Framework.objects.count() == before
    assert "There is a problem" in response.content.decode()


CSV_FILES = [
    Upload("a program named .csv", "units.csv", EXE, False),
    Upload("a web page named .csv", "units.csv", HTML, False),
    Upload("SVG with script named .csv", "units.csv", SVG, False),
    Upload("one byte over 1 MB", "units.csv", b"name\n" + b"x" * 1_000_000, False),
    Upload("an empty file", "units.csv", b"", False),
    Upload("not UTF-8 text", "units.csv", b"name\n\xff\xfe\xfa\n", False),
    Upload("a path up and out, with a NUL", "../../etc/passwd\x00.csv", b"name\x00\n", False),
    Upload("a quoted field bigger than the reader allows", "units.csv", b'name\n"' + b"x" * 200_000 + b'"\n', False),
]


@pytest.mark.parametrize("name", ["onboarding:units-import", "onboarding:people-import"])
@pytest.mark.parametrize("upload", CSV_FILES, ids=lambda u: u.what)
def test_the_csv_imports_refuse_files_that_are_not_good_csv_with_a_message(upload, name, world, client_for):
    from openpie.organisations.models import Invitation, Unit

    client = client_for(world.people.admin)
    before = (Unit.objects.count(), Invitation.objects.count())
    url = reverse(name, args=[world.tree.organisation.pk])
    response = client.post(url, {"file": SimpleUploadedFile(upload.name, upload.content), "confirm": "1"})
    FIGURES.add("upload attempts")
    if response.status_code >= 500:
        _record(upload, "server errors")
    assert response.status_code == 200, upload.what
    refused = (Unit.objects.count(), Invitation.objects.count()) == before
    FIGURES.add("refused" if refused else "accepted")
    if not refused:
        _record(upload, "wrongly accepted")
    assert refused
    assert "There is a problem" in response.content.decode()
