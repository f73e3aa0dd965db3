"""The home page: a person's units and what needs their attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openpie.common.http import AuthedRequest
from openpie.home.selectors import attention_for
from openpie.organisations.selectors import home_memberships


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    context = {
        "memberships": home_memberships(request.user),
        "attention": attention_for(request.user),
        "profile_url": reverse("accounts:profile"),
    }
    return render(request, "home/home.html", context)
