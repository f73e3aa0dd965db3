"""The public pages a service user opens from a link or QR code: no account, nothing cached.

A link that did not work gets a kind page that saves nothing, in the same words whether it
never existed (404: unknown or mistyped) or has closed or expired (410); too many tries get
another (429).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.translation import gettext as _

from openpie.assessments.models import Round
from openpie.common.forms import apply_validation_error
from openpie.common.languages import remember_language
from openpie.participation import ratelimit, said_did, services
from openpie.participation.forms import ConsentForm
from openpie.participation.models import ParticipationLink
from openpie.participation.views import flow
from openpie.participation.views.common import Journey, link_failed, link_gone, no_store, remember, slow_down


def _link(token: str) -> ParticipationLink | None:
    return (
        ParticipationLink.objects.select_related("round__framework", "round__unit__organisation")
        .filter(token=token)
        .first()
    )


def _journey(link: ParticipationLink) -> Journey:
    return Journey(
        key=f"link:{link.pk}",
        round=link.round,
        prefix="participation:",
        args=[link.token],
        link_id=link.pk,
        simple=link.scale == ParticipationLink.Scale.SIMPLE,
    )


def _open_in_link_language(request: HttpRequest, link: ParticipationLink) -> bool:
    """A link made in a language opens in it for someone who has not chosen one on this device (nor
    saved one on their account): True when it did, so the page remembers it on the device like a choice."""
    user = getattr(request, "user", None)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or getattr(user, "language", "")
    if not link.language or chosen or link.language not in dict(settings.LANGUAGES):
        return False
    translation.activate(link.language)
    request.LANGUAGE_CODE = link.language
    return True


def by_link(*, live: bool = True) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Find the link from the URL's token; a link no longer open gets the kind 410 page (when ``live``)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @no_store
        @wraps(view)
        def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
            link = _link(token)
            if link is None:
                return link_failed(request, status=404)
            if _open_in_link_language(request, link):
                link = _link(token) or link  # read again: the framework's wording comes in the language just chosen
                response = _by_link_view(view, request, link, live, *args, **kwargs)
                remember_language(response, link.language)
                return response
            return _by_link_view(view, request, link, live, *args, **kwargs)

        return wrapper

    return decorate


def _by_link_view(
    view: Callable[..., HttpResponse],
    request: HttpRequest,
    link: ParticipationLink,
    live: bool,
    *args: Any,
    **kwargs: Any,
) -> HttpResponse:
    if live and (not link.is_live or not link.round.is_editable):
        return link_gone(request)
    try:
        return view(request, link, *args, **kwargs)
    except services.LinkClosedError:
        return link_gone(request)
    except ratelimit.RateLimited:
        return slow_down(request)


@by_link(live=False)
def landing(request: HttpRequest, link: ParticipationLink) -> HttpResponse:
    """The link's page: the start while it is open; "you said, we did" once its round takes no more answers."""
    if link.round.state in {Round.State.IN_REVIEW, Round.State.CLOSED}:
        context = {"round": link.round, "said": said_did.said(link.round), "did": said_did.did(link.round)}
        return render(request, "participation/said_did.html", {**context, "page_title": _("You said, we did")})
    if not link.is_live or not link.round.is_editable:
        return link_gone(request)
    context = {
        "link": link,
        "round": link.round,
        "page_title": _("Have your say about %(name)s") % {"name": link.round.unit.name},
    }
    return render(request, "participation/landing.html", context)


@by_link()
def consent(request: HttpRequest, link: ParticipationLink) -> HttpResponse:
    journey = _journey(link)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ratelimit.check_start(request, link)
        try:
            contribution = services.participation_start(link=link, **form.cleaned_data)
        except services.LinkClosedError:
            raise
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            remember(request, journey, contribution)
            return redirect(journey.url("question", 1))
    context = {"link": link, "round": link.round, "form": form, "journey": journey, "page_title": _("Before you start")}
    return render(request, "participation/consent.html", context)


@by_link()
def question(request: HttpRequest, link: ParticipationLink, number: int) -> HttpResponse:
    return flow.question(request, _journey(link), number)


@by_link()
def check(request: HttpRequest, link: ParticipationLink) -> HttpResponse:
    return flow.check(request, _journey(link))


@by_link(live=False)
def done(request: HttpRequest, link: ParticipationLink) -> HttpResponse:
    return flow.done(request, _journey(link))


urlpatterns: list[URLPattern] = [
    path("take-part/<str:token>/", landing, name="landing"),
    path("take-part/<str:token>/agree/", consent, name="consent"),
    path("take-part/<str:token>/question/<int:number>/", question, name="question"),
    path("take-part/<str:token>/check/", check, name="check"),
    path("take-part/<str:token>/done/", done, name="done"),
]
