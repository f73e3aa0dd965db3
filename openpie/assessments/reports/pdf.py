"""HTML to PDF with WeasyPrint: tagged for accessibility (PDF/UA-1), A4, fonts from the system.

WeasyPrint fetches nothing over the network: ``StaticOnlyFetcher`` serves our own static
files (the report stylesheet) straight from disk through Django's static file finders, and
refuses every other URL. The document's language and title come from the HTML
(``<html lang>`` and ``<title>``).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

# Relative URLs in the HTML resolve against this made-up origin, which is never contacted.
BASE_URL = "https://openpie.invalid/"
PDF_VARIANT = "pdf/ua-1"  # implies pdf_tags=True (WeasyPrint 70)


class StaticOnlyFetcher(URLFetcher):
    """Serves ``BASE_URL`` + STATIC_URL paths from the static folders; refuses everything else."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        body, content_type = static_file(url)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def static_file(url: str) -> tuple[bytes, str]:
    """The bytes and type of one of our static files named by ``url``; ``ValueError`` for anything else."""
    prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
    if not url.startswith(prefix):
        raise ValueError(f"Not fetched (only our own static files are): {url}")
    relative = url.removeprefix(prefix).split("?")[0].split("#")[0]
    if not relative or ".." in Path(relative).parts:
        raise ValueError(f"Not a static file: {url}")
    found = finders.find(relative)
    if not found or isinstance(found, list):
        raise ValueError(f"No such static file: {relative}")
    content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
    return Path(found).read_bytes(), content_type


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document from HTML (which must carry ``lang`` and a ``<title>``)."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher(fail_on_errors=False))
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    if pdf is None:  # only when given a target to write to
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def pdf_response(request: HttpRequest, template: str, context: dict[str, Any], *, filename: str) -> HttpResponse:
    """Render ``template`` to a PDF download named ``filename`` (made safe for a header)."""
    html = render_to_string(template, context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    return response


def safe_filename(name: str, *, suffix: str = ".pdf") -> str:
    """A plain ASCII file name: "Riverside hostel – Spring 2025" → "riverside-hostel-spring-2025.pdf"."""
    stem = name.removesuffix(suffix)
    return (slugify(stem)[:100].strip("-") or "report") + suffix
