"""Pages where an organisation admin (or a platform admin) sets up the organisation's own sign-in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from openpie.accounts.http import AuthedRequest
from openpie.accounts.models import SignInProvider
from openpie.accounts.sso import services
from openpie.accounts.sso.forms import ProviderForm, provider_initial
from openpie.organisations.access import get_organisation_for_user
from openpie.organisations.models import Organisation


def _organisation_for(user: Any, pk: int) -> Organisation:
    """The organisation, for its admin or a platform admin; anyone else 404 (read-only 403)."""
    from openpie.onboarding.access import is_platform_admin

    if is_platform_admin(user):
        return get_object_or_404(Organisation, pk=pk)
    return get_organisation_for_user(user, pk, action="organisation.change")


def _provider_for(user: Any, pk: int) -> SignInProvider:
    provider = SignInProvider.objects.select_related("app", "organisation").filter(pk=pk).first()
    if provider is None:
        raise Http404("No such page.")
    _organisation_for(user, provider.organisation_id)
    return provider


@login_required
def provider_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """The organisation's providers, and a new one."""
    organisation = _organisation_for(request.user, pk)
    form = ProviderForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.provider_save(organisation=organisation, details=form.details(), by=request.user)
        messages.success(request, f"{form.cleaned_data['name']} is on the sign-in page now.")
        return redirect("accounts:sso-providers", organisation.pk)
    providers = SignInProvider.objects.filter(organisation=organisation).select_related("app", "default_unit")
    context = {"organisation": organisation, "providers": providers, "form": form}
    return render(request, "accounts/sso_provider_list.html", context)


@login_required
def provider_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request.user, pk)
    form = ProviderForm(
        request.POST or None, organisation=provider.organisation, editing=True, initial=provider_initial(provider)
    )
    if request.method == "POST" and form.is_valid():
        services.provider_save(
            organisation=provider.organisation, details=form.details(), by=request.user, provider=provider
        )
        messages.success(request, "The provider has been saved.")
        return redirect("accounts:sso-providers", provider.organisation_id)
    return render(request, "accounts/sso_provider_form.html", {"provider": provider, "form": form})


@login_required
@require_POST
def provider_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request.user, pk)
    organisation = provider.organisation_id
    services.provider_remove(provider=provider, by=request.user)
    messages.success(
        request,
        "The provider has been removed. Its people sign in with a password now; anyone who joined through it "
        "sets one with “Forgotten your password?” on the sign-in page.",
    )
    return redirect("accounts:sso-providers", organisation)
