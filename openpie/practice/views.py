"""Pages of the practice library: the library (search and filters), an example, sharing and editing
one, the person's own examples, and moderation. Every page shows records (``example_record``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpie.accounts.http import AuthedRequest
from openpie.common.forms import apply_validation_error
from openpie.organisations.access import can, memberships_for
from openpie.practice import selectors, services
from openpie.practice.access import get_example_for_user, may_moderate
from openpie.practice.forms import ExampleForm, LibraryFilterForm, ModerationForm
from openpie.practice.models import moderated_organisations


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Home"), reverse("home:home")), (_("Practice library"), reverse("practice:library")), *extra]


def _is_moderator(user: Any) -> bool:
    return bool(user.is_staff or moderated_organisations(memberships_for(user)))


@login_required
@require_GET
def library(request: AuthedRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None, elements=selectors.element_filter_choices(request.user))
    found = selectors.library_page(viewer=request.user, filters=form.filters(), page=request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page_title": _("Practice library"),
        "form": form,
        "found": found,
        "query": query.urlencode(),
        "filtered": any(form.filters().__dict__.values()),
        "is_moderator": _is_moderator(request.user),
        "can_share": any(can(request.user, "practice.share", m.unit) for m in memberships_for(request.user)),
        "breadcrumbs": [(_("Home"), reverse("home:home")), (_("Practice library"), "")],
    }
    return render(request, "practice/example_list.html", context)


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    example = get_example_for_user(request.user, pk)
    record = selectors.example_record(example, request.user)
    context = {
        "page_title": record.title,
        "record": record,
        "can_moderate": record.status == "submitted" and may_moderate(request.user, example),
        "breadcrumbs": _crumbs((record.title, "")),
    }
    return render(request, "practice/example_detail.html", context)


def _form_page(request: AuthedRequest, form: ExampleForm, title: str, **extra: Any) -> HttpResponse:
    context = {"page_title": title, "form": form, "breadcrumbs": _crumbs((title, "")), **extra}
    return render(request, "practice/example_form.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    form = ExampleForm(request.POST or None, user=request.user)
    if not form.units:
        return render(
            request,
            "practice/cannot_share.html",
            {"page_title": _("Share practice"), "breadcrumbs": _crumbs((_("Share practice"), ""))},
            status=403,
        )
    if request.method == "POST" and form.is_valid():
        try:
            example = services.example_create(by=request.user, **form.values())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your example is saved as a draft. Send it to a moderator when it is ready."))
            return redirect("practice:detail", pk=example.pk)
    return _form_page(request, form, _("Share practice that works"))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    example = get_example_for_user(request.user, pk, part="author")
    form = ExampleForm(request.POST or None, user=request.user, initial=ExampleForm.initial_for(example))
    if request.method == "POST" and form.is_valid():
        try:
            services.example_update(example=example, by=request.user, **form.values())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("practice:detail", pk=example.pk)
    return _form_page(request, form, _("Change the example"), example=example)


@login_required
@require_POST
def submit(request: AuthedRequest, pk: int) -> HttpResponse:
    example = get_example_for_user(request.user, pk, part="author")
    try:
        services.example_submit(example=example, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent to a moderator. Nobody else sees it until it is published."))
    return redirect("practice:detail", pk=example.pk)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    example = get_example_for_user(request.user, pk, part="author")
    if request.method == "POST":
        try:
            services.example_withdraw(example=example, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The example is withdrawn: nobody else sees it now."))
        return redirect("practice:mine")
    record = selectors.example_record(example, request.user)
    context = {
        "page_title": _("Withdraw the example"),
        "record": record,
        "breadcrumbs": _crumbs((record.title, reverse("practice:detail", args=[pk])), (_("Withdraw"), "")),
    }
    return render(request, "practice/example_withdraw.html", context)


@login_required
@require_GET
def mine(request: AuthedRequest) -> HttpResponse:
    context = {
        "page_title": _("Your examples"),
        "records": selectors.own_examples(viewer=request.user),
        "breadcrumbs": _crumbs((_("Your examples"), "")),
    }
    return render(request, "practice/example_mine.html", context)


@login_required
@require_GET
def queue(request: AuthedRequest) -> HttpResponse:
    if not _is_moderator(request.user):
        return render(
            request,
            "practice/not_moderator.html",
            {"page_title": _("Waiting for moderation"), "breadcrumbs": _crumbs((_("Waiting for moderation"), ""))},
            status=403,
        )
    context = {
        "page_title": _("Waiting for moderation"),
        "records": selectors.moderation_queue(viewer=request.user),
        "breadcrumbs": _crumbs((_("Waiting for moderation"), "")),
    }
    return render(request, "practice/moderation_queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request: AuthedRequest, pk: int) -> HttpResponse:
    example = get_example_for_user(request.user, pk, part="moderate")
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ModerationForm.PUBLISH:
                services.example_publish(example=example, by=request.user)
                messages.success(request, _("Published: it is now in the library."))
            else:
                services.example_return(example=example, by=request.user, note=form.cleaned_data["note"])
                messages.success(request, _("Returned to the author with your note."))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("practice:queue")
    record = selectors.example_record(example, request.user)
    context = {
        "page_title": _("Moderate: %(title)s") % {"title": record.title},
        "record": record,
        "form": form,
        "breadcrumbs": _crumbs((_("Waiting for moderation"), reverse("practice:queue")), (record.title, "")),
    }
    return render(request, "practice/example_moderate.html", context, status=400 if form.errors else 200)
