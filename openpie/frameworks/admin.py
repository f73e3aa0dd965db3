from django.contrib import admin
from django.http import HttpRequest

from openpie.frameworks.models import BarrierKind, CustomWording, Element, Framework, LocalElement, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ["position", "key", "name", "short_name"]
    extra = 0


class BarrierKindInline(admin.TabularInline):
    model = BarrierKind
    fields = ["position", "key", "name"]
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "key", "status", "owner", "published_at"]
    list_filter = ["status"]
    inlines = [ThemeInline, BarrierKindInline]

    def has_change_permission(self, request: HttpRequest, obj: Framework | None = None) -> bool:
        if obj is not None and obj.is_published:
            return False  # published frameworks never change
        return super().has_change_permission(request, obj)


@admin.register(Element)
class ElementAdmin(admin.ModelAdmin):
    list_display = ["name", "theme", "framework", "key"]
    list_filter = ["framework"]

    def has_change_permission(self, request: HttpRequest, obj: Element | None = None) -> bool:
        if obj is not None and obj.framework.is_published:
            return False
        return super().has_change_permission(request, obj)


admin.site.register(CustomWording)
admin.site.register(LocalElement)
