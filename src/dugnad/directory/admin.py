from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from dugnad.directory.models import Organisation, RegisterImport


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number", "municipality", "district"]
    list_filter = ["municipality"]
    search_fields = ["name", "organisation_number"]


@admin.register(RegisterImport)
class RegisterImportAdmin(admin.ModelAdmin):
    """Read-only: runs are recorded by the import, never made or changed by hand."""

    list_display = [
        "started_at",
        "status",
        "created",
        "updated",
        "unchanged",
        "marked_deleted",
        "errors",
        "full",
    ]
    list_filter = ["status", "full", "all_municipalities"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
