"""HTML pages: an organisation's sharing, asking for a grant, deciding, revoking and giving one up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpie.accounts.http import AuthedRequest
from openpie.common.forms import apply_validation_error
from openpie.organisations.access import can, organisation_root
from openpie.sharing import services
from openpie.sharing.access import get_grant_for_user, get_sharing_organisation_for_user
from openpie.sharing.forms import GrantDecideForm, GrantRequestForm
from openpie.sharing.models import SharingGrant
from openpie.sharing.selectors import shared_with_you

# "You now share your overview with …", by what was shared.
SHARED: dict[str, Any] = {
    SharingGrant.Scope.OVERVIEW: gettext_lazy("You now share your overview with %(name)s."),
    SharingGrant.Scope.BARRIERS: gettext_lazy("You now share your barriers with %(name)s."),
    SharingGrant.Scope.BOTH: gettext_lazy("You now share your overview and barriers with %(name)s."),
}


@login_required
@require_GET
def organisation_sharing(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = get_sharing_organisation_for_user(request.user, pk)
    grants = SharingGrant.objects.involving(organisation).select_related(
        "granter", "grantee", "unit", "requested_by", "decided_by", "revoked_by"
    )
    root = organisation_root(organisation)
    context = {
        "organisation": organisation,
        "given": [g for g in grants if g.granter_id == organisation.pk],
        "received": [g for g in grants if g.grantee_id == organisation.pk],
        "can_request": can(request.user, "grant.request", root),
        "can_decide": can(request.user, "grant.decide", root),
        "shared": shared_with_you(request.user, organisation=organisation),
        "page_title": _("Sharing – %(name)s") % {"name": organisation.name},
    }
    return render(request, "sharing/organisation_sharing.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def grant_new(request: AuthedRequest, pk: int) -> HttpResponse:
    grantee = get_sharing_organisation_for_user(request.user, pk, action="grant.request")
    form = GrantRequestForm(request.POST or None, grantee=grantee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_request(
                grantee=grantee, unit=data["target"], scope=data["scope"], note=data["note"], by=request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("Your request has been sent to %(name)s.") % {"name": data["organisation"].name}
            )
            return redirect("sharing:organisation", grantee.pk)
    context = {"form": form, "organisation": grantee, "page_title": _("Ask to see another organisation's data")}
    return render(request, "sharing/grant_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def grant_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = get_grant_for_user(request.user, pk, action="grant.decide")
    form = GrantDecideForm(request.POST or None, grant=grant)
    if request.method == "POST" and form.is_valid():
        try:
            _decide(request, grant, form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("sharing:organisation", grant.granter_id)
    title = _("Decide on %(name)s's request") % {"name": grant.grantee.name}
    return render(request, "sharing/grant_decide.html", {"form": form, "grant": grant, "page_title": title})


def _decide(request: AuthedRequest, grant: SharingGrant, data: dict[str, object]) -> None:
    if data["decision"] == "accept":
        unit = data.get("unit") or grant.unit
        services.grant_accept(grant=grant, unit=unit, by=request.user)  # type: ignore[arg-type]
        messages.success(request, SHARED[grant.scope] % {"name": grant.grantee})
    else:
        services.grant_decline(grant=grant, by=request.user)
        messages.success(request, _("You have declined %(name)s's request.") % {"name": grant.grantee})


@login_required
@require_POST
def grant_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = get_grant_for_user(request.user, pk, action="grant.decide")
    _end(
        request,
        grant,
        services.grant_revoke,
        _("%(name)s can no longer see what you shared.") % {"name": grant.grantee},
    )
    return redirect("sharing:organisation", grant.granter_id)


@login_required
@require_POST
def grant_relinquish(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = get_grant_for_user(request.user, pk, action="grant.request")
    _end(
        request,
        grant,
        services.grant_relinquish,
        _("You have given up what %(name)s shared or offered.") % {"name": grant.granter},
    )
    return redirect("sharing:organisation", grant.grantee_id)


def _end(request: AuthedRequest, grant: SharingGrant, service: object, done: str) -> None:
    try:
        service(grant=grant, by=request.user)  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
