from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from openpie.accounts.models import ApiToken, User

# Two-step sign-in: a person's authenticator app and recovery codes are allauth's authenticators
# (admin "MFA" → "Authenticators"); deleting them turns two-step sign-in off for that person.


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
