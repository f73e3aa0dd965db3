"""What every text form of a round shares: saving an answer, with or without JavaScript.

``static/js/autosave.js`` posts a form's data with the header ``X-Requested-With: fetch``
as the person types. The same view answers it:

- 200 ``{"version", "saved_at", "saved_at_text", "edit_url"}`` (a new item is created by
  its first save; later saves go to ``edit_url``);
- 400 ``{"errors": {field: [messages]}}``;
- 409 ``{"conflict": true, "theirs", "yours", "version", "html"}`` when someone else saved first;
- 401 ``{"signed_out": true}`` when the session has ended, 403 ``{"forbidden": true}`` without the role.

A normal submit (no JavaScript) gets a redirect, the form again with the error summary, or
the conflict page showing both versions.

An add-form on a stage page (evidence, a factor, an action) never saves as the person types: the
script keeps a draft on the page (``data-autosave="draft"``) and its button posts by htmx
(``is_htmx_post``); the view answers with the stage page, whose section htmx swaps in: with the new
item and an empty add-form, or with the add-form as sent and its messages.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.assessments.models import Round
from openpie.assessments.services import EditConflictError
from openpie.assessments.views.common import round_context
from openpie.common.forms import apply_validation_error

View = Callable[..., HttpResponseBase]
HIDDEN_IN_CONFLICT = {"file", "file_type", "file_size"}
EXTRA_LABELS = {"file_name": gettext_lazy("Attached file")}


def is_fetch(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def is_htmx_post(request: HttpRequest) -> bool:
    """An add-form's button pressed with JavaScript (htmx): the answer is the stage page, whose section it swaps."""
    return request.method == "POST" and bool(getattr(request, "htmx", False))


def signed_in(view: View) -> View:
    """``login_required`` that answers the autosave script in JSON instead of redirecting it."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            if is_fetch(request):
                return JsonResponse({"signed_out": True, "sign_in_url": reverse("accounts:sign-in")}, status=401)
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if is_fetch(request):
                return JsonResponse({"forbidden": True, "message": _("You cannot change this.")}, status=403)
            raise

    return wrapper


def form_context(request: HttpRequest, round_: Round, *, stage: str, title: str, **extra: Any) -> dict[str, Any]:
    """``round_context`` for a form page below a stage: the stage becomes a link in the breadcrumbs."""
    context = round_context(request, round_, current=stage, **extra)
    crumbs = context["breadcrumbs"]
    if crumbs and crumbs[-1][1] == "":
        crumbs[-1] = (crumbs[-1][0], reverse(stage, args=[round_.pk]))
    crumbs.append((title, ""))
    context["page_title"] = title
    return context


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` address given with the request, if it is on this site; otherwise ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


# Saving -------------------------------------------------------------------------------------------


def save_answer(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[dict[str, Any]], Any],
    render_form: Callable[[dict[str, Any]], HttpResponse],
    edit_url: Callable[[Any], str],
    done_url: Callable[[Any], str],
    message: str = "Saved.",
) -> HttpResponse:
    """Validate ``form``, call ``save(cleaned_data)`` and answer the browser or the autosave script."""
    if form.is_valid():
        try:
            item = save(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        except EditConflictError as conflict:
            return conflict_response(request, form, conflict, render_form=render_form, edit_url=edit_url)
        else:
            if is_fetch(request):
                return saved_json(item, edit_url(item))
            messages.success(request, message)
            return redirect(done_url(item))
    if is_fetch(request):
        errors = {name: [str(m) for m in messages_] for name, messages_ in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    return render_form({})


def saved_json(item: Any, edit_url: str) -> JsonResponse:
    saved_at = timezone.localtime(item.updated_at)
    return JsonResponse(
        {
            "version": item.version,
            "saved_at": saved_at.isoformat(),
            "saved_at_text": saved_at.strftime("%H:%M"),
            "edit_url": edit_url,
        }
    )


# Conflicts ----------------------------------------------------------------------------------------


def _raw(value: Any) -> str:
    """A value as a form field holds it (for "use theirs" in the browser)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _shown(form: forms.Form, name: str, value: Any) -> str:
    """A value as a person reads it."""
    if value is None or value == "":
        return _("(left blank)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    field = form.fields.get(name)
    if isinstance(value, str) and isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
        return str(dict(cast(list[tuple[Any, Any]], field.choices)).get(value, value))
    return str(value)


def conflict_context(request: HttpRequest, form: forms.Form, conflict: EditConflictError, *, action: str) -> Any:
    names = [name for name in conflict.yours if name not in HIDDEN_IN_CONFLICT]
    rows = [
        {
            "label": form.fields[name].label if name in form.fields else EXTRA_LABELS.get(name, name),
            "theirs": _shown(form, name, conflict.theirs.get(name)),
            "yours": _shown(form, name, conflict.yours.get(name)),
            "same": conflict.theirs.get(name) == conflict.yours.get(name),
        }
        for name in names
    ]
    resubmit = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in {"csrfmiddlewaretoken", "version"}
        for value in values
    ]
    current: Any = conflict.current
    return {
        "rows": rows,
        "version": current.version,
        "action": action,
        "resubmit": resubmit,
        "had_file": bool(request.FILES),
        "updated_by": getattr(current, "updated_by", None),
        "updated_at": getattr(current, "updated_at", None),
        "next": request.POST.get("next", ""),
    }


def conflict_response(
    request: HttpRequest,
    form: forms.Form,
    conflict: EditConflictError,
    *,
    render_form: Callable[[dict[str, Any]], HttpResponse],
    edit_url: Callable[[Any], str],
) -> HttpResponse:
    context = conflict_context(request, form, conflict, action=edit_url(conflict.current))
    if is_fetch(request):
        payload = {
            "conflict": True,
            "theirs": {name: _raw(value) for name, value in conflict.theirs.items() if name in form.fields},
            "yours": {name: _raw(value) for name, value in conflict.yours.items() if name in form.fields},
            "version": context["version"],
            "html": render_to_string("assessments/_conflict.html", {"conflict": context}, request=request),
        }
        return JsonResponse(payload, status=409)
    response = render_form({"conflict": context})
    response.status_code = 409
    return response


# Removing -----------------------------------------------------------------------------------------


def remove_item(
    request: HttpRequest, *, remove: Callable[[], None], back_url: str, render_confirm: Callable[[], HttpResponse]
) -> HttpResponse:
    """GET asks "are you sure?"; POST removes (or says plainly why it cannot) and goes back."""
    if request.method != "POST":
        return render_confirm()
    try:
        remove()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Removed.")
    return redirect(back_url)
