"""Attached evidence files: the real type is read from the content, the size is limited, downloads are safe."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openpie.assessments import services
from openpie.assessments.models import Evidence
from openpie.assessments.services.files import MAX_BYTES, check_upload
from openpie.assessments.tests.factories import PDF_BYTES


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document><body>Team minutes</body></document>")
    return buffer.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("minutes.pdf", PDF_BYTES, "application/pdf"),
        ("noticeboard.png", png_bytes(), "image/png"),
        (
            "supervision notes.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_real_documents_are_accepted_with_their_real_type(name, content, mime):
    checked = check_upload(upload(name, content, "application/octet-stream"))
    assert checked.mime == mime
    assert checked.size == len(content)


def test_the_name_takes_the_extension_of_what_the_file_really_is():
    checked = check_upload(upload("photo.pdf", png_bytes()))
    assert checked.name == "photo.png"


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", HTML), ("invoice.pdf", EXE), ("setup.docx", EXE), ("page.html", HTML)],
)
def test_disguised_or_unsafe_files_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content))
    assert "must be a PDF, an image" in error.value.message_dict["file"][0]


def test_a_file_over_10_mb_is_refused():
    big = upload("big.pdf", PDF_BYTES + b"0" * MAX_BYTES)
    with pytest.raises(ValidationError) as error:
        check_upload(big)
    assert "smaller than 10 MB" in error.value.message_dict["file"][0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("empty.pdf", b""))
    assert "empty" in error.value.message_dict["file"][0]


# Through the pages ----------------------------------------------------------------------------------


def _add_url(world) -> str:
    return reverse("assessments:evidence-add", args=[world.round.thread.pk])


def test_uploading_a_pdf_through_the_page_stores_it(world, client_for):
    client = client_for(world.people.staff)
    data = {"text": "Signed minutes", "file": upload("minutes.pdf", PDF_BYTES)}
    response = client.post(_add_url(world), data)
    assert response.status_code == 302
    evidence = Evidence.objects.get(text="Signed minutes")
    assert (evidence.file_name, evidence.file_type, evidence.file_size) == (
        "minutes.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )


def test_html_named_pdf_is_refused_next_to_the_field_and_nothing_is_saved(world, client_for):
    before = Evidence.objects.count()
    response = client_for(world.people.staff).post(
        _add_url(world), {"text": "Looks fine", "file": upload("report.pdf", HTML)}
    )
    assert response.status_code == 200
    assert "The selected file must be a PDF" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert Evidence.objects.count() == before


def test_exe_upload_by_fetch_answers_400_for_the_file_field(world, client_for):
    response = client_for(world.people.staff).post(
        _add_url(world), {"text": "x", "file": upload("tool.pdf", EXE)}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 400
    assert "must be a PDF" in response.json()["errors"]["file"][0]


def test_the_download_is_an_attachment_with_nosniff_and_the_stored_type(world, client_for):
    evidence = world.round.file_evidence
    response = client_for(world.people.reader).get(reverse("assessments:evidence-file", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="minutes.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_outsiders_cannot_download(world, client_for):
    url = reverse("assessments:evidence-file", args=[world.round.file_evidence.pk])
    assert client_for(world.people.outsider).get(url).status_code == 404


def test_text_only_evidence_has_no_download(world, client_for):
    url = reverse("assessments:evidence-file", args=[world.round.evidence.pk])
    assert client_for(world.people.staff).get(url).status_code == 404


def test_a_reader_can_download_but_cannot_add(world, client_for):
    client = client_for(world.people.reader)
    assert client.get(reverse("assessments:evidence-file", args=[world.round.file_evidence.pk])).status_code == 200
    response = client.post(_add_url(world), {"text": "x", "file": upload("minutes.pdf", PDF_BYTES)})
    assert response.status_code == 403
    assert not Evidence.objects.filter(text="x").exists()


def test_a_file_can_be_attached_to_saved_text_later(world, client_for):
    evidence = world.round.evidence
    response = client_for(world.people.staff).post(
        reverse("assessments:evidence-edit", args=[evidence.pk]),
        {"text": evidence.text, "version": evidence.version, "file": upload("rota.png", png_bytes())},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 200
    evidence.refresh_from_db()
    assert (evidence.file_name, evidence.file_type) == ("rota.png", "image/png")
    assert evidence.file.read() == png_bytes()


def test_replacing_a_file_removes_the_old_one_from_storage(world):
    evidence = world.round.file_evidence
    old_name = evidence.file.name
    services.evidence_update(
        evidence=evidence, version=evidence.version, by=None, text="", upload=upload("new.docx", docx_bytes())
    )
    evidence.refresh_from_db()
    assert evidence.file_type.endswith("wordprocessingml.document")
    assert not evidence.file.storage.exists(old_name)
