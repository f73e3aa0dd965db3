"""The JSON API at /api/v1/: one NinjaAPI, with a router from each app.

Every operation authenticates (personal API token, or the browser session with
CSRF), reaches data only through the same access helpers as the HTML views,
and declares its error responses.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.operation import Operation
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from openpie.accounts.services import api_token_authenticate
from openpie.assessments.services import EditConflictError
from openpie.common.limits import refusal_for


class TokenAuth(HttpBearer):
    """``Authorization: Bearer opie_...``: a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if "\x00" in token:  # PostgreSQL cannot even compare text containing NUL
            return None
        user = api_token_authenticate(value=token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The browser session of a signed-in person; a write also needs the CSRF token.

    Without a signed-in session this scheme does not apply at all, so a request with a
    missing or wrong API token gets 401, not a CSRF failure (403).
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


class OpenPieApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The function's own name (``round_list``), not its module path: one per operation, checked by
        openpie/api/tests/test_schema_names.py."""
        return operation.view_func.__name__


# The published description (docs/openapi.json) is in English, as are the API's field names.
API_TITLE = "OpenPIE API"
API_DESCRIPTION = (
    "Read and change OpenPIE data you have access to. Authenticate with a personal API token "
    "(create one under Your account) sent as `Authorization: Bearer <token>`."
)
api = OpenPieApi(
    title=API_TITLE,
    version="1",
    description=API_DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
)


def _problem(request: HttpRequest, status: int, detail: str) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _problem(request, 403, str(exc) or _("You do not have permission to do this."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """The access helper's own words ("No such round."), in every environment; never the model's name."""
    text = str(exc)
    if not text or "matches the given query" in text:  # get_object_or_404's words name the model
        text = _("Not found.")
    return _problem(request, 404, text)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _problem(request, 401, _("Authentication required: send a valid API token."))


def _public_loc(loc: Any) -> list[str | int]:
    """Where the error is, as the client sent it: ninja puts the view's body argument's Python name
    second (``["body", "name"]``); the client never sent that name, so it is left out."""
    parts = [str(p) if not isinstance(p, int) else p for p in loc]
    return [parts[0], *parts[2:]] if parts[:1] == ["body"] and len(parts) >= 2 else parts


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "loc": _public_loc(e.get("loc", [])),
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": _("The request is not valid."), "errors": errors}, status=422)


@api.exception_handler(DjangoValidationError)
def on_rule_broken(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    errors = [
        {"loc": ["body", name], "msg": msg, "type": "value_error"} for name, msgs in fields.items() for msg in msgs
    ]
    return api.create_response(request, {"detail": " ".join(exc.messages), "errors": errors}, status=422)


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def on_too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Normally answered before the API by ``RequestLimitsMiddleware``; here too, should a body be read late."""
    refusal = refusal_for(exc)
    return _problem(
        request, 413, _("%(what)s %(limit)s Nothing was saved.") % {"what": refusal.what, "limit": refusal.limit}
    )


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Values of a conflict as JSON: a related item by its id (``owner`` → ``owner_id``), a date as ISO text."""
    plain: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, models.Model):
            plain[f"{name}_id"] = value.pk
        elif isinstance(value, datetime.date):
            plain[name] = value.isoformat()
        else:
            plain[name] = value
    return plain


@api.exception_handler(EditConflictError)
def on_edit_conflict(request: HttpRequest, exc: EditConflictError) -> HttpResponse:
    body = {
        "detail": _(
            "%(problem)s Nothing was saved: look at their version, then send yours again with the current version."
        )
        % {"problem": exc},
        "current_version": getattr(exc.current, "version", 0),
        "theirs": _plain(exc.theirs),
        "yours": _plain(exc.yours),
    }
    return api.create_response(request, body, status=409)


def _routers() -> None:
    from openpie.assessments.api import router as assessments_router
    from openpie.frameworks.api import router as frameworks_router
    from openpie.organisations.api import router as organisations_router
    from openpie.organisations.api_me import router as accounts_router

    api.add_router("/", accounts_router)
    api.add_router("/", frameworks_router)
    api.add_router("/", organisations_router)
    api.add_router("/", assessments_router)
    api.add_router("/", "openpie.sharing.api.router")
    api.add_router("/", "openpie.barriers.api.router")
    api.add_router("/", "openpie.insights.api.router")
    api.add_router("/", "openpie.exports.api.router")
    api.add_router("/", "openpie.reviews.api.router")
    api.add_router("/", "openpie.practice.api.router")
    api.add_router("/", "openpie.relationships.api.router")
    api.add_router("/", "openpie.audit_trail.api.router")


_routers()
