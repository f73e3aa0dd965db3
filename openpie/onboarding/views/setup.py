"""The first-run page: the operator makes the first platform admin with the one-time set-up code."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openpie.common.forms import apply_validation_error
from openpie.common.http import client_address
from openpie.onboarding.access import platform_admin_exists
from openpie.onboarding.forms import FirstAdminForm
from openpie.onboarding.services.setup import platform_admin_create, setup_code_ensure
from openpie.participation.ratelimit import SETUP_TRIES, RateLimited, hit


def first_admin(request: HttpRequest) -> HttpResponse:
    """Only while the installation has no platform admin; afterwards there is no such page."""
    if platform_admin_exists():
        raise Http404(_("This installation is set up."))
    setup_code_ensure()
    form = FirstAdminForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            hit(scope=SETUP_TRIES, subject=client_address(request))
            user = platform_admin_create(**form.cleaned_data)
        except RateLimited:
            form.add_error(
                None, _("There have been too many tries from here in the last hour. Wait an hour, then try again")
            )
            status = 429
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            query = urlencode({"next": reverse("onboarding:organisations")})
            return redirect(f"{reverse('accounts:mfa-setup')}?{query}")
    return render(request, "onboarding/first_admin.html", {"form": form}, status=status)
