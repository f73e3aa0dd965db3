"""The home page: a person's units and what needs their attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openpie.accounts.http import AuthedRequest
from openpie.barriers.calls import calling_organisations, calls_for_units
from openpie.barriers.selectors import unread_count
from openpie.home.selectors import attention_for, sees_barriers_register
from openpie.onboarding.access import is_platform_admin
from openpie.organisations.models import Unit
from openpie.organisations.selectors import home_memberships
from openpie.sharing.selectors import shared_with_you


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    shared = shared_with_you(request.user)
    context = {
        "memberships": home_memberships(request.user),
        "attention": attention_for(request.user),
        "profile_url": reverse("accounts:profile"),
        "unread_notifications": unread_count(request.user),
        "barriers_register": sees_barriers_register(request.user),
        "shared": shared,
        "shared_with_several": len({item.grant.grantee_id for item in shared}) > 1,
        "platform_admin": is_platform_admin(request.user),
        "calls": calls_for_units(units=Unit.objects.visible_to(request.user)),
        "may_call": bool(calling_organisations(request.user)),
    }
    return render(request, "home/home.html", context)
