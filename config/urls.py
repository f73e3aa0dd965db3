from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "OpenPIE platform admin"
admin.site.site_title = "OpenPIE admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("openpie.operations.urls")),
    path("", include("openpie.home.urls")),
    path("", include("openpie.accounts.urls")),
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
    path("", include("openpie.audit.urls")),
    path("", include("openpie.privacy.urls")),
    path("", include("openpie.api.urls")),
]
