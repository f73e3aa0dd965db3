from django.contrib import admin
from django.http import HttpRequest

from openpie.onboarding.models import OrganisationRequest


@admin.register(OrganisationRequest)
class OrganisationRequestAdmin(admin.ModelAdmin):
    """Read-only here: requests are answered on the platform admin's page, which emails the answer."""

    list_display = ["name", "kind", "requester_email", "status", "created_at"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
