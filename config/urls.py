from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "OpenPIE platform admin"
admin.site.site_title = "OpenPIE admin"

urlpatterns = [
    # One way in, with the lockout, the audit trail and the second step: the admin's own sign-in is not used.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:sign-in", query_string=True)),
    path("admin/", admin.site.urls),
    path("", include("openpie.operations.urls")),
    path("", include("openpie.home.urls")),
    path("", include("openpie.accounts.urls")),
    # Organisations' own providers (django-allauth): /sign-in/oidc/<provider>/login/ and its callback,
    # /sign-in/saml/<provider>/login/, acs/ and metadata/; the pages that set them up.
    path("sign-in/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("sign-in/", include("allauth.socialaccount.providers.saml.urls")),
    path("", include("openpie.signin_providers.urls")),
    path("", include("openpie.organisations.urls")),
    path("", include("openpie.frameworks.urls")),
    path("", include("openpie.assessments.urls")),
    path("", include("openpie.barriers.urls")),
    path("", include("openpie.participation.urls")),
    path("", include("openpie.insights.urls")),
    path("", include("openpie.exports.urls")),
    path("", include("openpie.sharing.urls")),
    path("", include("openpie.reviews.urls")),
    path("", include("openpie.practice.urls")),
    path("", include("openpie.relationships.urls")),
    path("", include("openpie.audit_trail.urls")),
    path("", include("openpie.privacy.urls")),
    path("", include("openpie.onboarding.urls")),
    path("", include("openpie.api.urls")),
]

# Error pages in the house style; under /api/ they stay JSON (openpie/common/errors.py).
handler400 = "openpie.common.limits.bad_request"
handler403 = "openpie.common.errors.permission_denied"
handler404 = "openpie.common.errors.page_not_found"
handler500 = "openpie.common.errors.server_error"
