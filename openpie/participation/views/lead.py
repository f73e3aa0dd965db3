"""The lead's pages (participation.manage): links with their QR codes and posters, and who has taken part.

The list of service users' contributions shows when and how each came in, the name given (if
any) and whether comments are shared, never the beads; the lead can set one aside
(contribution.void). How many have finished is shown only once it reaches the small-group threshold.
"""

from __future__ import annotations

import io
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from openpie.accounts.http import AuthedRequest
from openpie.assessments.access import get_round_for_user
from openpie.assessments.models import Round
from openpie.assessments.overlay.privacy import small_group_threshold
from openpie.assessments.reports.pdf import pdf_response
from openpie.assessments.services.contributions import contribution_void
from openpie.audit.services import contribution_view_record
from openpie.common.forms import apply_validation_error
from openpie.organisations.access import can
from openpie.organisations.views import unit_breadcrumbs
from openpie.participation import said_did, selectors, services
from openpie.participation.access import get_link_for_user, get_service_user_contribution_for_user
from openpie.participation.forms import LinkForm, SharedActionsForm, VoidForm
from openpie.participation.models import ParticipationLink

MANAGE = "participation.manage"


def public_url(link: ParticipationLink) -> str:
    return settings.OPENPIE_BASE_URL.rstrip("/") + reverse("participation:landing", args=[link.token])


def go_url() -> str:
    """The short address people type the code at, without the scheme: "openpie.example.org/go"."""
    full = settings.OPENPIE_BASE_URL.rstrip("/") + reverse("participation:go")
    return full.split("://", 1)[-1].rstrip("/")


def qr_svg(link: ParticipationLink, *, scale: int = 8) -> str:
    """The link's QR code as SVG markup, with a title for screen readers."""
    buffer = io.BytesIO()
    title = _("QR code for %(name)s") % {"name": link.round.unit.name}
    segno.make(public_url(link), error="m").save(buffer, kind="svg", scale=scale, border=2, title=title, xmldecl=False)
    return buffer.getvalue().decode()


def _crumbs(user: Any, round_: Round, here: str) -> list[tuple[str, str]]:
    crumbs = unit_breadcrumbs(user, round_.unit)
    crumbs.append((round_.title, reverse("assessments:round", args=[round_.pk])))
    crumbs.append((here, ""))
    return crumbs


@login_required
def links(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action=MANAGE)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.link_create(round_=round_, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            until = date_format(link.expires_at, "j F Y")
            messages.success(request, _("Link made. It is open until %(date)s.") % {"date": until})
            return redirect("participation:links", round_.pk)
    context = {
        "round": round_,
        "form": form,
        "links": [
            (
                link,
                public_url(link),
                selectors.start_signal(getattr(link, "started", 0), threshold=small_group_threshold()),
            )
            for link in selectors.round_links(round_)
        ],
        "finished": selectors.finished_count(round_),
        "go_url": go_url(),
        "shared_form": _shared_form(round_),
        "can_proxy": can(request.user, "participation.proxy", round_.unit),
        "breadcrumbs": _crumbs(request.user, round_, _("Service users’ answers")),
        "page_title": _("Service users’ answers"),
    }
    return render(request, "participation/link_list.html", context)


@login_required
@require_POST
def link_close(request: AuthedRequest, pk: int) -> HttpResponse:
    link = get_link_for_user(request.user, pk)
    services.link_close(link=link, by=request.user)
    messages.success(request, _("The link is closed. Nobody new can start with it."))
    return redirect("participation:links", link.round_id)


@login_required
def link_qr(request: AuthedRequest, pk: int) -> HttpResponse:
    link = get_link_for_user(request.user, pk)
    response = HttpResponse(qr_svg(link), content_type="image/svg+xml")
    response["Content-Disposition"] = 'inline; filename="qr-code.svg"'
    return response


@login_required
def link_poster(request: AuthedRequest, pk: int) -> HttpResponse:
    """The poster, in the link's language (or the page's, for a link that leaves it to each person)."""
    link = get_link_for_user(request.user, pk)
    with translation.override(link.language or translation.get_language()):
        qr = mark_safe(qr_svg(link, scale=10))  # noqa: S308 - segno's own markup; it escapes the title
        context = {"link": link, "round": link.round, "url": public_url(link), "qr": qr}
        context["withdraw_url"] = settings.OPENPIE_BASE_URL.rstrip("/") + reverse("participation:withdraw")
        context["go_url"] = go_url()
        filename = _("%(name)s poster") % {"name": link.round.unit.name}
        return pdf_response(request, "participation/poster_pdf.html", context, filename=filename)


@login_required
def answers(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk, action=MANAGE)
    rows = list(selectors.service_user_contributions(round_))
    shown = rows if len(rows) >= small_group_threshold() else []
    contribution_view_record(by=request.user, round_=round_, page="answers", shown=len(shown))
    context = {
        "round": round_,
        "contributions": shown,
        "too_few": 0 < len(rows) < small_group_threshold(),
        "threshold": small_group_threshold(),
        "finished": selectors.finished_count(round_),
        "can_void": can(request.user, "contribution.void", round_.unit),
        "breadcrumbs": _crumbs(request.user, round_, _("Who has taken part")),
        "page_title": _("Who has taken part"),
    }
    return render(request, "participation/answer_list.html", context)


@login_required
def void(request: AuthedRequest, pk: int) -> HttpResponse:
    contribution = get_service_user_contribution_for_user(request.user, pk, action="contribution.void")
    form = VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contribution_void(contribution=contribution, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Set aside. These answers no longer count."))
            return redirect("participation:answers", contribution.round.pk)
    contribution_view_record(by=request.user, round_=contribution.round, page="void", shown=1, target=contribution)
    context = {
        "round": contribution.round,
        "contribution": contribution,
        "form": form,
        "breadcrumbs": _crumbs(request.user, contribution.round, _("Set answers aside")),
        "page_title": _("Set answers aside"),
    }
    return render(request, "participation/void_form.html", context)


def _shared_form(round_: Round, data: Any = None) -> SharedActionsForm:
    choices = [(a.pk, a.what) for a in round_.actions.order_by("created_at")]
    return SharedActionsForm(data, choices=choices, initial={"actions": sorted(said_did.shared_ids(round_))})


@login_required
@require_POST
def shared_actions(request: AuthedRequest, pk: int) -> HttpResponse:
    """The ticks for "you said, we did": which actions the round's links' pages show."""
    round_ = get_round_for_user(request.user, pk, action=MANAGE)
    form = _shared_form(round_, request.POST)
    if form.is_valid():
        try:
            shared = services.actions_share(
                round_=round_, action_ids=set(form.cleaned_data["actions"]), by=request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            words = ngettext(
                "Service users now see %(count)d of the round’s actions.",
                "Service users now see %(count)d of the round’s actions.",
                len(shared),
            )
            messages.success(request, words % {"count": len(shared)})
            return redirect("participation:links", round_.pk)
    messages.error(request, _("Choose actions from this round."))
    return redirect("participation:links", round_.pk)


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/take-part/shared-actions/", shared_actions, name="shared-actions"),
    path("rounds/<int:pk>/take-part/links/", links, name="links"),
    path("rounds/<int:pk>/take-part/answers/", answers, name="answers"),
    path("take-part/links/<int:pk>/close/", link_close, name="link-close"),
    path("take-part/links/<int:pk>/qr.svg", link_qr, name="link-qr"),
    path("take-part/links/<int:pk>/poster.pdf", link_poster, name="link-poster"),
    path("take-part/answers/<int:pk>/set-aside/", void, name="void"),
]
