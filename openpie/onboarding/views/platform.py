"""The platform admin's pages: the organisations on this installation, starting one, its first admin's invitation.

A platform admin sees organisations and whether their first admin has joined, never their data.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpie.accounts.http import AuthedRequest
from openpie.common.forms import apply_validation_error
from openpie.onboarding.access import require_platform_admin
from openpie.onboarding.forms import EmailForm, OrganisationStartForm
from openpie.onboarding.selectors import first_admin_invitations, platform_organisations
from openpie.onboarding.services import organisations as services
from openpie.organisations.access import organisation_root
from openpie.organisations.models import Invitation, Organisation


@login_required
def organisation_list(request: AuthedRequest) -> HttpResponse:
    require_platform_admin(request.user)
    context = {"rows": platform_organisations(), "requests_allowed": settings.OPENPIE_ALLOW_ORGANISATION_REQUESTS}
    return render(request, "onboarding/platform_list.html", context)


@login_required
def organisation_start(request: AuthedRequest) -> HttpResponse:
    require_platform_admin(request.user)
    form = OrganisationStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation, invitation = services.organisation_start(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been started. We have emailed %(email)s.")
                % {"name": organisation.name, "email": invitation.email},
            )
            return redirect("onboarding:organisation", organisation.pk)
    return render(request, "onboarding/platform_start.html", {"form": form})


def _organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    return organisation


@login_required
def organisation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The organisation and its first admin's invitations; invite someone else if nobody has joined."""
    require_platform_admin(request.user)
    organisation = _organisation(pk)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.first_admin_invite(organisation=organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("An invitation has been emailed to %(email)s.") % {"email": invitation.email})
        return redirect("onboarding:organisation", organisation.pk)
    context = {
        "organisation": organisation,
        "top": organisation_root(organisation),
        "invitations": first_admin_invitations(organisation),
        "form": form,
    }
    return render(request, "onboarding/platform_detail.html", context)


def _invitation(pk: int) -> Invitation:
    invitation = Invitation.objects.filter(pk=pk).select_related("unit", "unit__organisation").first()
    if invitation is None:
        raise Http404(_("No such invitation."))
    return invitation


@login_required
@require_POST
def invitation_resend(request: AuthedRequest, pk: int) -> HttpResponse:
    require_platform_admin(request.user)
    invitation = _invitation(pk)
    try:
        fresh = services.first_admin_resend(invitation=invitation, by=request.user)
        messages.success(
            request,
            _("A new invitation has been emailed to %(email)s. The old link no longer works.") % {"email": fresh.email},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("onboarding:organisation", invitation.unit.organisation_id)


@login_required
@require_POST
def invitation_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    require_platform_admin(request.user)
    invitation = _invitation(pk)
    try:
        services.first_admin_cancel(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation for %(email)s has been cancelled.") % {"email": invitation.email})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("onboarding:organisation", invitation.unit.organisation_id)
