"""Technical administration for platform administrators. Changes to people and
roles go through the services (and so the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from dugnad.people import audit, services
from dugnad.people.models import AuditEntry, RoleAssignment, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "home_municipality", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "home_municipality"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "groups", "user_permissions"]
    readonly_fields = ["last_login", "date_joined", "anonymised_at"]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        subject = User.objects.filter(pk=object_id).first()
        if subject is not None and request.user.pk != subject.pk:
            audit.record(
                actor=request.user,  # type: ignore[arg-type]
                action="person.viewed",
                subject=subject,
                target=subject,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,  # type: ignore[arg-type]
            action="person.changed" if change else "person.created",
            subject=obj,
            target=obj,
            details={"fields": list(form.changed_data)},
        )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "municipality", "scope_type", "scope_id", "granted_at"]
    list_filter = ["municipality", "role"]
    search_fields = ["user__email", "user__full_name"]
    fields = ["user", "role", "municipality", "scope_type", "scope_id"]
    raw_id_fields = ["user"]

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool
    ) -> None:
        if change:
            services.revoke_role(
                actor=request.user,  # type: ignore[arg-type]
                assignment=RoleAssignment.objects.get(pk=obj.pk),
            )
        scope = None
        if obj.scope_type_id and obj.scope_id:
            model = obj.scope_type.model_class()  # type: ignore[union-attr]
            scope = model._default_manager.get(pk=obj.scope_id) if model else None
        created = services.assign_role(
            actor=request.user,  # type: ignore[arg-type]
            user=obj.user,
            role=obj.role,
            municipality=obj.municipality,
            scope=scope,
        )
        obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        services.revoke_role(actor=request.user, assignment=obj)  # type: ignore[arg-type]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "subject", "municipality", "target_repr"]
    list_filter = ["action", "municipality"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
