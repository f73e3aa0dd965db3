from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from openpie.accounts.models import ApiToken, RecoveryCodeDevice, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name",)}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "key", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key", "secret_hash", "created_at", "last_used_at"]
    search_fields = ["user__email", "name", "key"]


@admin.register(RecoveryCodeDevice)
class RecoveryCodeDeviceAdmin(admin.ModelAdmin):
    """Deleting a person's recovery codes (and their TOTP device) turns two-step sign-in off for them."""

    list_display = ["user", "created_at", "confirmed"]
    readonly_fields = ["created_at", "throttling_failure_timestamp", "throttling_failure_count"]
    search_fields = ["user__email"]
