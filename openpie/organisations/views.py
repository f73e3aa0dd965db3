"""HTML views for organisations, units, members and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openpie.accounts.forms import NewAccountForm
from openpie.accounts.http import AuthedRequest
from openpie.accounts.models import User
from openpie.common.forms import apply_validation_error
from openpie.organisations import services
from openpie.organisations.access import can, get_organisation_for_user, get_unit_for_user, organisation_root
from openpie.organisations.extensions import EXTENSIONS
from openpie.organisations.forms import InvitationForm, MembershipForm, OrganisationForm, UnitForm
from openpie.organisations.models import Invitation, Membership, Organisation, Unit
from openpie.organisations.selectors import (
    pending_invitations,
    unit_ancestors,
    unit_members,
    visible_tree,
)


def unit_breadcrumbs(user: object, unit: Unit, *, current: str = "") -> list[tuple[str, str]]:
    crumbs = [("Organisations", reverse("organisations:list"))]
    for ancestor in [*unit_ancestors(unit), unit]:
        href = reverse("organisations:unit", args=[ancestor.pk]) if can(user, "unit.view", ancestor) else ""
        crumbs.append((ancestor.name, href))
    if current:
        crumbs.append((current, ""))
    return crumbs


@login_required
def organisation_list(request: AuthedRequest) -> HttpResponse:
    organisations = Organisation.objects.visible_to(request.user)
    trees = [(org, visible_tree(request.user, org)) for org in organisations]
    return render(request, "organisations/organisation_list.html", {"trees": trees})


@login_required
def organisation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk, action="organisation.change")
    initial = {"name": organisation.name, "kind": organisation.kind, "research_opt_in": organisation.research_opt_in}
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opt_in = data.pop("research_opt_in")
        services.organisation_update(organisation=organisation, by=request.user, **data)
        services.research_opt_in_set(organisation=organisation, opt_in=opt_in, by=request.user)
        messages.success(request, "The organisation's details have been saved.")
        return redirect("organisations:unit", organisation_root(organisation).pk)
    return render(request, "organisations/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    user = request.user
    children = list(unit.children.select_related("organisation").order_by("name"))
    context = {
        "unit": unit,
        "children": children,
        "breadcrumbs": unit_breadcrumbs(user, unit)[:-1],
        "can_change": can(user, "unit.change", unit),
        "can_add": can(user, "unit.add", unit),
        "can_invite": can(user, "member.invite", unit),
        "can_see_members": can(user, "member.view", unit),
        "can_change_members": can(user, "member.change", unit),
        "can_customise": can(user, "framework.choose", unit),
        "is_top": unit.parent_id is None,
        "can_change_organisation": unit.parent_id is None and can(user, "organisation.change", unit),
        "can_see_audit": unit.parent_id is None and can(user, "audit.view", unit),
        "can_see_sharing": unit.parent_id is None and can(user, "shared.view", unit),
    }
    if context["can_change_organisation"]:
        context["first_hour_pending"] = EXTENSIONS.first_hour_pending(organisation=unit.organisation, user=user)
    if context["can_see_members"]:
        context["members"] = unit_members(unit)
        context["invitations"] = pending_invitations([unit])
    context.update(_unit_rounds(user, unit))
    return render(request, "organisations/unit_detail.html", context)


def _unit_rounds(user: object, unit: Unit) -> dict[str, object]:
    """The unit's latest rounds, and whether the person may start one."""
    return {
        "latest_rounds": EXTENSIONS.latest_rounds(unit=unit),
        "can_start_round": can(user, "round.start", unit),
    }


@login_required
def unit_add(request: AuthedRequest, pk: int) -> HttpResponse:
    parent = get_unit_for_user(request.user, pk, action="unit.add")
    form = UnitForm(request.POST or None, level_word=parent.organisation.level_name(parent.depth + 1))
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(parent=parent, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{unit.name} has been added under {parent.name}.")
            return redirect("organisations:unit", unit.pk)
    context = {"form": form, "parent": parent, "breadcrumbs": unit_breadcrumbs(request.user, parent, current="Add")}
    return render(request, "organisations/unit_form.html", context)


@login_required
def unit_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk, action="unit.change")
    is_top = unit.parent_id is None
    initial = {f: getattr(unit, f) for f in ["name", "kind", "client_group", "service_type"]}
    form = UnitForm(request.POST or None, initial=initial, is_top=is_top)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(unit=unit, by=request.user, **{"kind": unit.kind, **form.cleaned_data})
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{unit.name} has been saved.")
            return redirect("organisations:unit", unit.pk)
    context = {"form": form, "unit": unit, "breadcrumbs": unit_breadcrumbs(request.user, unit, current="Change")}
    return render(request, "organisations/unit_form.html", context)


@login_required
def invitation_new(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk, action="member.invite")
    may_grant_admin = can(request.user, "member.grant_admin", unit)
    form = InvitationForm(request.POST or None, may_grant_admin=may_grant_admin)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _ = services.invitation_create(unit=unit, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"An invitation has been emailed to {invitation.email}.")
            return redirect("organisations:unit", unit.pk)
    breadcrumbs = unit_breadcrumbs(request.user, unit, current="Invite")
    return render(
        request, "organisations/invitation_form.html", {"form": form, "unit": unit, "breadcrumbs": breadcrumbs}
    )


@login_required
@require_POST
def invitation_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = Invitation.objects.filter(pk=pk).select_related("unit").first()
    if invitation is None:
        raise Http404
    unit = get_unit_for_user(request.user, invitation.unit_id, action="member.invite")
    try:
        services.invitation_cancel(invitation=invitation, by=request.user)
        messages.success(request, f"The invitation for {invitation.email} has been cancelled.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("organisations:unit", unit.pk)


@login_required
def membership_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = Membership.objects.filter(pk=pk).select_related("user", "unit").first()
    if membership is None:
        raise Http404
    unit = get_unit_for_user(request.user, membership.unit_id, action="member.change")
    may_grant_admin = can(request.user, "member.grant_admin", unit)
    form = MembershipForm(request.POST or None, initial={"role": membership.role}, may_grant_admin=may_grant_admin)
    if request.method == "POST" and form.is_valid():
        try:
            if "remove" in request.POST:
                services.membership_remove(membership=membership, by=request.user)
                messages.success(request, f"{membership.user} is no longer a member of {unit.name}.")
            else:
                services.membership_change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
                messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("organisations:unit", unit.pk)
    context = {
        "form": form,
        "membership": membership,
        "unit": unit,
        "can_manage_privacy": can(request.user, "privacy.manage", organisation_root(unit.organisation)),
        "breadcrumbs": unit_breadcrumbs(request.user, unit, current="Member"),
    }
    return render(request, "organisations/membership_form.html", context)


def _invitation_or_404(token: str) -> Invitation:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404("This invitation link is not valid.")
    return invitation


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: join with an existing account, or set one up."""
    invitation = _invitation_or_404(token)
    context: dict[str, object] = {"invitation": invitation}
    if not invitation.is_usable:
        gone = {**context, "page_title": "This invitation cannot be used"}
        return render(request, "organisations/invitation_unusable.html", gone, status=410)
    if request.user.is_authenticated:
        return _accept_signed_in(request, invitation, context)
    existing = User.objects.filter(email__iexact=invitation.email).exists()
    form = NewAccountForm(request.POST or None, email=invitation.email)
    if not existing and request.method == "POST" and form.is_valid():
        user = services.account_create_for_invitation(invitation=invitation, **form.cleaned_data)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to OpenPIE. You have joined {invitation.unit.name}.")
        return redirect("organisations:unit", invitation.unit_id)
    context.update({"form": form, "existing": existing, "next": request.path, "token": token})
    return render(request, "organisations/invitation_accept.html", context)


def _accept_signed_in(request: HttpRequest, invitation: Invitation, context: dict[str, object]) -> HttpResponse:
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"You have joined {invitation.unit.name}.")
            return redirect("organisations:unit", invitation.unit_id)
    context["email_matches"] = request.user.email.lower() == invitation.email.lower()  # type: ignore[union-attr]
    return render(request, "organisations/invitation_accept.html", context)
