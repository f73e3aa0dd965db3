"""The home page: a person's units and what needs their attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openpie.barriers.selectors import unread_count
from openpie.common.http import AuthedRequest
from openpie.home.selectors import attention_for, sees_barriers_register
from openpie.onboarding.access import is_platform_admin
from openpie.organisations.selectors import home_memberships


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    context = {
        "memberships": home_memberships(request.user),
        "attention": attention_for(request.user),
        "profile_url": reverse("accounts:profile"),
        "unread_notifications": unread_count(request.user),
        "barriers_register": sees_barriers_register(request.user),
        "platform_admin": is_platform_admin(request.user),
    }
    return render(request, "home/home.html", context)
