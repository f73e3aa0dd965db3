"""Pages where an organisation admin (or a platform admin) sets up the organisation's own sign-in, and
the public steps that offer a person their organisation's provider (``selectors`` says why not a list)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpie.accounts.http import AuthedRequest
from openpie.onboarding.access import is_platform_admin
from openpie.organisations.access import get_organisation_for_user
from openpie.organisations.models import Organisation
from openpie.organisations.services import invitation_for_token
from openpie.signin_providers import selectors, services
from openpie.signin_providers.forms import FindForm, ProviderForm, provider_initial
from openpie.signin_providers.models import SignInProvider


def _organisation_for(user: Any, pk: int) -> Organisation:
    """The organisation, for its admin or a platform admin; anyone else 404 (read-only 403)."""
    if is_platform_admin(user):
        return get_object_or_404(Organisation, pk=pk)
    return get_organisation_for_user(user, pk, action="organisation.change")


def _provider_for(user: Any, pk: int) -> SignInProvider:
    provider = SignInProvider.objects.select_related("app", "organisation").filter(pk=pk).first()
    if provider is None:
        raise Http404(_("No such page."))
    _organisation_for(user, provider.organisation_id)
    return provider


@login_required
def provider_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """The organisation's providers, and a new one."""
    organisation = _organisation_for(request.user, pk)
    form = ProviderForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.provider_save(organisation=organisation, details=form.details(), by=request.user)
        messages.success(request, _("%(name)s has been added.") % {"name": form.cleaned_data["name"]})
        return redirect("signin_providers:list", organisation.pk)
    providers = SignInProvider.objects.filter(organisation=organisation).select_related("app", "default_unit")
    context = {"organisation": organisation, "providers": providers, "form": form}
    return render(request, "signin_providers/provider_list.html", context)


@login_required
def provider_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request.user, pk)
    form = ProviderForm(
        request.POST or None,
        organisation=provider.organisation,
        editing=provider.app.provider,
        initial=provider_initial(provider),
    )
    if request.method == "POST" and form.is_valid():
        services.provider_save(
            organisation=provider.organisation, details=form.details(), by=request.user, provider=provider
        )
        messages.success(request, _("The provider has been saved."))
        return redirect("signin_providers:list", provider.organisation_id)
    return render(request, "signin_providers/provider_form.html", {"provider": provider, "form": form})


@login_required
@require_POST
def provider_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    provider = _provider_for(request.user, pk)
    organisation = provider.organisation_id
    services.provider_remove(provider=provider, by=request.user)
    messages.success(
        request,
        _(
            "The provider has been removed. Its people sign in with a password now; anyone who joined through it "
            "sets one with “Forgotten your password?” on the sign-in page."
        ),
    )
    return redirect("signin_providers:list", organisation)


def _offer(request: HttpRequest, found: list[SignInProvider], context: dict[str, Any]) -> HttpResponse:
    """A page with a button for each provider found (forms that lead to the provider: the CSP allows them)."""
    buttons = [(provider, selectors.login_url(provider)) for provider in found]
    response = render(request, "signin_providers/offer.html", {**context, "buttons": buttons})
    origins = selectors.form_action(found)
    if origins:
        response._csp_update = {"form-action": list(origins)}  # type: ignore[attr-defined]
    return response


@require_POST
def find(request: HttpRequest) -> HttpResponse:
    """From the sign-in page: the provider of the organisation that lists this address's domain."""
    form = FindForm(request.POST)
    next_url = request.POST.get("next", "")
    if not form.is_valid():
        return render(request, "signin_providers/find.html", {"form": form, "next": next_url}, status=400)
    email = form.cleaned_data["email"]
    found = selectors.providers_for_email(email)
    if not found:
        return render(request, "signin_providers/find.html", {"form": form, "next": next_url, "none_for": email})
    return _offer(request, found, {"email": email, "next": next_url})


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """From an invitation's page: the inviting organisation's providers, for someone at any domain."""
    found_invitation = invitation_for_token(token)
    if found_invitation is None or not found_invitation.is_usable:
        raise Http404(_("This invitation link is not valid."))
    organisation = found_invitation.unit.organisation
    found = list(selectors.providers().filter(organisation=organisation).order_by("app__name"))
    if not found:
        raise Http404(_("No such page."))
    return _offer(request, found, {"email": found_invitation.email, "invitation": found_invitation, "next": ""})
