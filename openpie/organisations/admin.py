from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from openpie.organisations.models import Invitation, Membership, Organisation, Unit


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "created_at"]
    search_fields = ["name", "slug"]

    def add_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Started on the product's page, which makes the top unit and invites the first admin.
        return redirect("onboarding:organisation-start")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "client_group", "service_type", "path"]
    list_filter = ["kind", "client_group", "service_type"]
    search_fields = ["name", "organisation__name"]
    readonly_fields = ["path", "depth", "organisation", "parent"]

    def has_add_permission(self, request: object) -> bool:
        return False  # units are added in the app, which keeps the tree's paths right


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only here: invitations are sent from the product's pages, which email the link."""

    list_display = ["email", "unit", "role", "status", "expires_at"]
    list_filter = ["status", "role"]
    readonly_fields = ["token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
