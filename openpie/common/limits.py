"""Requests that are too large, or have too many fields or files: a 413 that says what and the limit.

Django refuses them with ``RequestDataTooBig``, ``TooManyFieldsSent`` or ``TooManyFilesSent``
(a bare 400, or a traceback while debugging), raised wherever the body is first read. This
middleware reads it first, once: a request over ``OPENPIE_REQUEST_MAX_BYTES`` (files included)
or a body that is not a form over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused from its
``Content-Length`` without reading it; a form's fields are parsed here, before the CSRF check
or a view does it. Pages get the house-style 413 page, the API its JSON error shape. Nothing is
saved, and nothing saved before changes. A single file over the evidence limit is not this: it
fits the request and is refused beside its field by the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from openpie.common.errors import error_response

TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


@dataclass(frozen=True)
class Refusal:
    """What was too large, and the limit, in words."""

    what: str
    limit: str


def whole_request(length: int) -> Refusal:
    return Refusal(
        what=_("What you sent was %(size)s, with any files in it.") % {"size": megabytes(length)},
        limit=_("The most OpenPIE takes in one go is %(most)s, and one file can be up to %(file)s.")
        % {"most": megabytes(settings.OPENPIE_REQUEST_MAX_BYTES), "file": megabytes(settings.OPENPIE_UPLOAD_MAX_BYTES)},
    )


def refusal_for(exception: Exception) -> Refusal:
    if isinstance(exception, TooManyFieldsSent):
        most = number_format(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, force_grouping=True)
        return Refusal(_("The form had too many parts."), _("The most is %(most)s.") % {"most": most})
    if isinstance(exception, TooManyFilesSent):
        most = number_format(settings.DATA_UPLOAD_MAX_NUMBER_FILES, force_grouping=True)
        return Refusal(_("You sent too many files at once."), _("The most is %(most)s.") % {"most": most})
    return Refusal(
        what=_("The text you sent was too long."),
        limit=_("The most OpenPIE takes in one go is %(most)s of text, not counting attached files.")
        % {"most": megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
    )


def too_large(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    detail = _("%(what)s %(limit)s Nothing was saved.") % {"what": refusal.what, "limit": refusal.limit}
    return error_response(request, 413, detail=detail, context={"refusal": refusal})


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def _content_type(request: HttpRequest) -> str:
    return (request.content_type or "").lower()


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _content_length(request)
        if length > settings.OPENPIE_REQUEST_MAX_BYTES:
            return too_large(request, whole_request(length))
        is_form = _content_type(request) in FORM_TYPES
        if not _content_type(request).startswith("multipart/") and length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return too_large(request, refusal_for(RequestDataTooBig()))
        if request.method == "POST" and is_form:
            try:
                request.POST  # noqa: B018 (parsed here, once, so that its limits are answered here)
            except TOO_LARGE as exception:
                return too_large(request, refusal_for(exception))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, TOO_LARGE):
            return too_large(request, refusal_for(exception))
        return None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return too_large(request, refusal_for(exception))
    return error_response(request, 400)
