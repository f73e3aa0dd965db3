"""Asking to start an organisation (if ``OPENPIE_ALLOW_ORGANISATION_REQUESTS``), and the platform admin's answer."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openpie.accounts.http import AuthedRequest
from openpie.common.forms import apply_validation_error
from openpie.common.http import client_address
from openpie.onboarding.access import require_platform_admin
from openpie.onboarding.forms import DecisionForm, OrganisationRequestForm
from openpie.onboarding.models import OrganisationRequest
from openpie.onboarding.services import requests as services
from openpie.participation.ratelimit import RateLimited


def _require_requests_allowed() -> None:
    if not settings.OPENPIE_ALLOW_ORGANISATION_REQUESTS:
        raise Http404(_("No such page."))


def request_new(request: HttpRequest) -> HttpResponse:
    _require_requests_allowed()
    form = OrganisationRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_request_submit(address=client_address(request), **form.cleaned_data)
        except RateLimited:
            form.add_error(
                None, _("A lot of requests have come from here in the last hour. Wait an hour, then try again")
            )
            status = 429
        else:
            return redirect("onboarding:request-sent")
    return render(request, "onboarding/request_form.html", {"form": form}, status=status)


def request_sent(request: HttpRequest) -> HttpResponse:
    _require_requests_allowed()
    return render(request, "onboarding/request_sent.html")


@login_required
def request_list(request: AuthedRequest) -> HttpResponse:
    _require_requests_allowed()
    require_platform_admin(request.user)
    requests = list(OrganisationRequest.objects.select_related("organisation"))
    waiting = [r for r in requests if r.status == OrganisationRequest.Status.WAITING]
    answered = [r for r in requests if r.status != OrganisationRequest.Status.WAITING]
    return render(request, "onboarding/request_list.html", {"waiting": waiting, "answered": answered})


@login_required
def request_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_requests_allowed()
    require_platform_admin(request.user)
    asked = OrganisationRequest.objects.filter(pk=pk).first()
    if asked is None:
        raise Http404(_("No such request."))
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.organisation_request_approve(request=asked, by=request.user)
                messages.success(
                    request,
                    _("%(name)s has been started. We have emailed %(email)s.")
                    % {"name": asked.name, "email": asked.requester_email},
                )
            else:
                services.organisation_request_decline(request=asked, by=request.user, note=form.cleaned_data["note"])
                messages.success(
                    request,
                    _("The request has been declined. We have emailed %(email)s.") % {"email": asked.requester_email},
                )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("onboarding:requests")
    return render(request, "onboarding/request_decide.html", {"asked": asked, "form": form})
